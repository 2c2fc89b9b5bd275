package toolbx

import (
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

// ReleaseProblem is what is wrong with a release, in Toolbx's order of
// checks; commands words each.
type ReleaseProblem int

// The problems of ReleaseError.
const (
	NotLatest ReleaseProblem = iota
	NotPositiveInteger
	NotDebianRelease
	NotMajorMinor
	NotPositiveNumber
	NotYYMM
	YearTooSmall
	YearTooLong
	YearLeadingZero
	MonthOutOfRange
	MonthNotTwoDigits
)

// ReleaseError is a --release (or toolbox.conf's release) that its
// distribution does not have.
type ReleaseError struct {
	Release string
	Problem ReleaseProblem
}

func (e *ReleaseError) Error() string {
	return fmt.Sprintf("release %q: problem %d", e.Release, e.Problem)
}

func parseReleaseArch(r string) (string, error) {
	if r != "latest" && r != "rolling" && r != "" {
		return "", &ReleaseError{r, NotLatest}
	}
	return "latest", nil
}

func parseReleaseDebian(r string) (string, error) {
	if r == "testing" || r == "unstable" {
		return r, nil
	}
	if n, err := strconv.Atoi(r); err != nil || n <= 0 {
		return "", &ReleaseError{r, NotDebianRelease}
	}
	return r, nil
}

func parseReleaseFedora(r string) (string, error) {
	n := strings.TrimPrefix(strings.TrimPrefix(r, "f"), "F")
	if v, err := strconv.Atoi(n); err != nil || v <= 0 {
		return "", &ReleaseError{r, NotPositiveInteger}
	}
	return n, nil
}

func parseReleaseRHEL(r string) (string, error) {
	f, err := strconv.ParseFloat(r, 64)
	if !strings.Contains(r, ".") || err != nil {
		return "", &ReleaseError{r, NotMajorMinor}
	}
	if f <= 0 {
		return "", &ReleaseError{r, NotPositiveNumber}
	}
	return r, nil
}

// parseReleaseUbuntu checks YY.MM in the order Toolbx does, so the same
// release gets the same message.
func parseReleaseUbuntu(r string) (string, error) {
	parts := strings.Split(r, ".")
	if len(parts) != 2 {
		return "", &ReleaseError{r, NotYYMM}
	}
	year, yearErr := strconv.Atoi(parts[0])
	month, monthErr := strconv.Atoi(parts[1])
	problem := ReleaseProblem(-1)
	switch {
	case yearErr != nil || monthErr != nil:
		problem = NotYYMM
	case year < 4:
		problem = YearTooSmall
	case len(parts[0]) > 2:
		problem = YearTooLong
	case strings.HasPrefix(parts[0], "0"):
		problem = YearLeadingZero
	case month < 1 || month > 12:
		problem = MonthOutOfRange
	case len(parts[1]) != 2:
		problem = MonthNotTwoDigits
	default:
		return r, nil
	}
	return "", &ReleaseError{r, problem}
}

// image returns the distribution's fully qualified image for release.
func (d distro) image(release string) string {
	registry := d.registry
	if strings.Contains(registry, "%s") {
		registry = fmt.Sprintf(registry, strings.Split(release, ".")[0])
	}
	return registry + "/" + d.imageBasename + ":" + release
}
