package commands

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// distro is one of the distributions Toolbx knows how to find images for.
type distro struct {
	name          string
	prefix        string // of default container names
	imageBasename string
	registry      string // may contain %s for the major release
	// parseRelease validates a --release value and returns its canonical form.
	parseRelease    func(string) (string, error)
	releaseRequired bool
}

func distros() []distro {
	return []distro{
		{"arch", "arch-toolbox", "arch-toolbox", "quay.io/toolbx", parseReleaseArch, false},
		{"debian", "debian-toolbox", "debian-toolbox", "quay.io/toolbx-images", parseReleaseDebian, true},
		{"fedora", "fedora-toolbox", "fedora-toolbox", "registry.fedoraproject.org", parseReleaseFedora, true},
		{"rhel", "rhel-toolbox", "toolbox", "registry.access.redhat.com/ubi%s", parseReleaseRHEL, true},
		{"ubuntu", "ubuntu-toolbox", "ubuntu-toolbox", "quay.io/toolbx", parseReleaseUbuntu, true},
	}
}

// DistroNames lists the supported --distro values.
func DistroNames() []string {
	var names []string
	for _, d := range distros() {
		names = append(names, d.name)
	}
	return names
}

func lookupDistro(name string) (distro, bool) {
	i := slices.IndexFunc(distros(), func(d distro) bool { return d.name == name })
	if i < 0 {
		return distro{}, false
	}
	return distros()[i], true
}

// fallbackDistro is used when the host's distribution is not supported.
const fallbackDistro, fallbackRelease = "fedora", "44"

func parseReleaseArch(r string) (string, error) {
	if r != "latest" && r != "rolling" && r != "" {
		return "", errors.New("The release must be 'latest'.")
	}
	return "latest", nil
}

func parseReleaseDebian(r string) (string, error) {
	if r == "testing" || r == "unstable" {
		return r, nil
	}
	if n, err := strconv.Atoi(r); err != nil || n <= 0 {
		return "", errors.New("The release must be a positive integer, 'testing' or 'unstable'.")
	}
	return r, nil
}

func parseReleaseFedora(r string) (string, error) {
	r = strings.TrimPrefix(strings.TrimPrefix(r, "f"), "F")
	if n, err := strconv.Atoi(r); err != nil || n <= 0 {
		return "", errors.New("The release must be a positive integer.")
	}
	return r, nil
}

func parseReleaseRHEL(r string) (string, error) {
	f, err := strconv.ParseFloat(r, 64)
	if !strings.Contains(r, ".") || err != nil {
		return "", errors.New("The release must be in the '<major>.<minor>' format.")
	}
	if f <= 0 {
		return "", errors.New("The release must be a positive number.")
	}
	return r, nil
}

// parseReleaseUbuntu checks YY.MM in the order Toolbx does, so the same
// release gets the same message.
func parseReleaseUbuntu(r string) (string, error) {
	parts := strings.Split(r, ".")
	if len(parts) != 2 {
		return "", errors.New("The release must be in the 'YY.MM' format.")
	}
	year, yearErr := strconv.Atoi(parts[0])
	month, monthErr := strconv.Atoi(parts[1])
	switch {
	case yearErr != nil || monthErr != nil:
		return "", errors.New("The release must be in the 'YY.MM' format.")
	case year < 4:
		return "", errors.New("The release year must be 4 or more.")
	case len(parts[0]) > 2:
		return "", errors.New("The release year cannot have more than two digits.")
	case strings.HasPrefix(parts[0], "0"):
		return "", errors.New("The release year cannot have a leading zero.")
	case month < 1 || month > 12:
		return "", errors.New("The release month must be between 01 and 12.")
	case len(parts[1]) != 2:
		return "", errors.New("The release month must have two digits.")
	}
	return r, nil
}

// image returns the distribution's fully qualified image for release.
func (d distro) image(release string) string {
	registry := d.registry
	if strings.Contains(registry, "%s") {
		registry = fmt.Sprintf(registry, strings.Split(release, ".")[0])
	}
	return registry + "/" + d.imageBasename + ":" + release
}

// containerName is the default container name for release.
func (d distro) containerName(release string) string {
	return d.prefix + "-" + release
}
