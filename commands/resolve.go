package commands

import (
	"errors"
	"fmt"
	"strings"

	"github.com/toolbx-go/toolbox/podman"
)

// Selection is what the user asked for with a container name, --distro,
// --release and --image, after defaults from toolbox.conf and the host.
type Selection struct {
	Container string
	Image     string // may be short, such as debian-toolbox:12
	Distro    string
	Release   string
}

// validContainerName says whether name matches [a-zA-Z0-9][a-zA-Z0-9_.-]*.
func validContainerName(name string) bool {
	for i, r := range name {
		alnum := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		if !alnum && (i == 0 || (r != '_' && r != '.' && r != '-')) {
			return false
		}
	}
	return name != ""
}

// validateContainerName checks a name given as argName ("CONTAINER" or
// "--container").
func validateContainerName(name, argName string) error {
	if validContainerName(name) {
		return nil
	}
	return UsageErrorf("invalid argument for '%s'\nContainer names must match '[a-zA-Z0-9][a-zA-Z0-9_.-]*'.", argName)
}

// resolve turns the command line and configuration into a Selection,
// with Toolbx's rules (ResolveContainerAndImageNames): the configured
// release belongs to the configured distribution, or to the host's; a
// --distro that is neither needs its own --release, unless it has a
// single release (arch).
func resolve(h *Host, cfg Config, name, distroArg, releaseArg, imageArg string) (Selection, error) {
	defDistro, defRelease := hostDistro(h.OSRelease())
	distroName := firstNonEmpty(distroArg, cfg.Distro, defDistro)
	d, ok := lookupDistro(distroName)
	if !ok {
		return Selection{}, UsageErrorf("invalid argument for '--distro'\nDistribution %s is unsupported.", distroName)
	}
	release := releaseArg
	switch {
	case releaseArg != "":
	case distroName == defDistro:
		release = firstNonEmpty(cfg.Release, defRelease)
	case d.releaseRequired && cfg.Release == "":
		return Selection{}, UsageErrorf("option '--release' is needed\nDistribution %s doesn't match the host.", distroName)
	case d.releaseRequired, distroArg == "":
		// Required, or the distribution is the configured one.
		release = cfg.Release
	}
	parsed, err := d.parseRelease(release)
	if err != nil {
		return Selection{}, UsageErrorf("invalid argument for '--release'\n%s", err)
	}
	sel := Selection{Container: name, Distro: d.name, Release: parsed, Image: imageArg}
	if sel.Image == "" && distroArg == "" && releaseArg == "" {
		sel.Image = cfg.Image
	}
	if sel.Image == "" {
		sel.Image = d.imageBasename + ":" + parsed
	} else if tag := imageTag(sel.Image); tag != "" {
		sel.Release = tag
	} else {
		sel.Release = firstNonEmpty(cfg.Release, defRelease)
	}
	if sel.Container == "" {
		sel.Container = containerNameForImage(sel.Image)
	}
	return sel, nil
}

// hostDistro maps the host to a supported distribution, or to the
// fallback distribution and release when the host's is not supported.
func hostDistro(id, release string) (string, string) {
	if _, ok := lookupDistro(id); ok && id != "" {
		return id, release
	}
	return fallbackDistro, fallbackRelease
}

// containerNameForImage is the default name for a custom image: the
// distro's prefix for a known basename (else the basename), plus "-TAG"
// when it has a tag.
func containerNameForImage(image string) string {
	name, tag := imageBasename(image), imageTag(image)
	if _, err := podman.ParseReference(image); err != nil {
		// Not a reference, which checkImage refuses: the name Toolbx
		// derives, for its message when that name is invalid too.
		name, tag, _ = strings.Cut(image[strings.LastIndex(image, "/")+1:], ":")
	}
	for _, d := range distros() {
		if d.imageBasename == name {
			name = d.prefix
			break
		}
	}
	if tag == "" {
		return name
	}
	return name + "-" + tag
}

// imageBasename, imageTag and imageDomain read a reference, already
// checked with checkImage, through podman's one parser; "" when it is not
// a reference at all.
func imageBasename(image string) string {
	ref, err := podman.ParseReference(image)
	if err != nil {
		return ""
	}
	return ref.Basename()
}

func imageTag(image string) string {
	ref, _ := podman.ParseReference(image)
	return ref.Tag
}

func imageDomain(image string) string {
	ref, _ := podman.ParseReference(image)
	return ref.Domain
}

// checkImageBasename is Toolbx's first check of --image.
func checkImageBasename(image string) error {
	if last := image[strings.LastIndex(image, "/")+1:]; last == "" || last[0] == ':' || last[0] == '@' {
		return UsageErrorf("invalid argument for '--image'\nImages must have basenames.")
	}
	return nil
}

// checkImage refuses, before podman runs, an image that podman would not
// take, saying which image and why; where is how the user gave it
// ("argument for '--image'", "value for 'image' in FILE").
func checkImage(image, where string) error {
	if _, err := podman.ParseReference(image); err != nil {
		return UsageErrorf("invalid %s\nImage %s is not a valid reference: %v.\n"+
			"Images are named [DOMAIN/]NAME[:TAG][@DIGEST], in lower case.", where, image, errors.Unwrap(err))
	}
	return nil
}

// canBeImageID says whether image looks like an image ID: 6 to 64
// lower-case hexadecimal digits.
func canBeImageID(image string) bool {
	if len(image) < 6 || len(image) > 64 {
		return false
	}
	return strings.Trim(image, "0123456789abcdef") == ""
}

// fullyQualified finds the registry of a short image through the distros'
// image basenames.
func fullyQualified(image, release string) (string, error) {
	if imageDomain(image) != "" {
		return image, nil
	}
	base, tag := imageBasename(image), imageTag(image)
	for _, d := range distros() {
		if d.imageBasename == base {
			if tag == "" {
				tag = release
			}
			return d.image(tag), nil
		}
	}
	return "", fmt.Errorf("image %s not found in local storage and known registries", image)
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
