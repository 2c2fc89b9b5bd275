package toolbx

import (
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
	// Default says whether Container is the default container, the one
	// `toolbox enter` enters without a name.
	Default bool
}

// SelectRequest is the command line's part of a selection.
type SelectRequest struct {
	Name                   string
	NameArg                string // where Name came from: "CONTAINER", "--container"
	Distro, Release, Image string
}

// DistroError is a --distro (or toolbox.conf's distro) that Toolbx does
// not support, or that needs a release.
type DistroError struct {
	Distro       string
	NeedsRelease bool
}

func (e *DistroError) Error() string { return "distribution " + e.Distro }

// NameError is a container name that podman would refuse. FromImage says
// it was made from the image's name, as no name was given.
type NameError struct {
	Name, Arg string
	FromImage bool
}

func (e *NameError) Error() string { return "invalid container name " + e.Name }

// ImageError is an image that podman would refuse (Err, from its
// reference grammar), or one without a basename. InConfig says it came
// from toolbox.conf.
type ImageError struct {
	Image      string
	NoBasename bool
	InConfig   bool
	Err        error
}

func (e *ImageError) Error() string { return "invalid image " + e.Image }
func (e *ImageError) Unwrap() error { return e.Err }

// ValidContainerName says whether name matches [a-zA-Z0-9][a-zA-Z0-9_.-]*.
func ValidContainerName(name string) bool {
	for i, r := range name {
		alnum := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		if !alnum && (i == 0 || (r != '_' && r != '.' && r != '-')) {
			return false
		}
	}
	return name != ""
}

// Select turns the command line and toolbox.conf into a Selection, with
// Toolbx's rules (ResolveContainerAndImageNames): the configured release
// belongs to the configured distribution, or to the host's; a --distro
// that is neither needs its own --release, unless it has a single release
// (arch). As in Toolbx, toolbox.conf is read first and a given name is
// checked next; the image only once the container name it gives is known
// to be good, as Toolbx's messages come in that order. (--image's
// basename is create's to check first: CheckBasename.)
func (e *Engine) Select(req SelectRequest) (Selection, error) {
	cfg, err := e.LoadConfig()
	if err != nil {
		return Selection{}, err
	}
	if req.Name != "" && !ValidContainerName(req.Name) {
		return Selection{}, &NameError{Name: req.Name, Arg: req.NameArg}
	}
	sel, err := selectWith(e.Host.OSRelease, cfg, req)
	if err != nil {
		return Selection{}, err
	}
	if !ValidContainerName(sel.Container) {
		return Selection{}, &NameError{Name: sel.Container, Arg: "--image", FromImage: true}
	}
	if _, err := podman.ParseReference(sel.Image); err != nil {
		return Selection{}, &ImageError{Image: sel.Image, InConfig: req.Image == "", Err: err}
	}
	if req.Name == "" && req.Distro == "" && req.Release == "" && req.Image == "" {
		sel.Default = true
	} else if def, err := selectWith(e.Host.OSRelease, cfg, SelectRequest{}); err == nil {
		sel.Default = def.Container == sel.Container
	}
	return sel, nil
}

// CheckBasename is Toolbx's first check of --image: it must name
// something after its last slash.
func CheckBasename(image string) error {
	last := image[strings.LastIndex(image, "/")+1:]
	if last == "" || last[0] == ':' || last[0] == '@' {
		return &ImageError{Image: image, NoBasename: true}
	}
	return nil
}

// selectWith is Select's resolution, from the host's os-release and cfg.
func selectWith(osRelease func() (string, string), cfg Config, req SelectRequest) (Selection, error) {
	defDistro, defRelease := hostDistro(osRelease())
	distroName := firstNonEmpty(req.Distro, cfg.Distro, defDistro)
	d, ok := lookupDistro(distroName)
	if !ok {
		return Selection{}, &DistroError{Distro: distroName}
	}
	release := req.Release
	switch {
	case req.Release != "":
	case distroName == defDistro:
		release = firstNonEmpty(cfg.Release, defRelease)
	case d.releaseRequired && cfg.Release == "":
		return Selection{}, &DistroError{Distro: distroName, NeedsRelease: true}
	case d.releaseRequired, req.Distro == "":
		// Required, or the distribution is the configured one.
		release = cfg.Release
	}
	parsed, err := d.parseRelease(release)
	if err != nil {
		return Selection{}, err
	}
	sel := Selection{Container: req.Name, Distro: d.name, Release: parsed, Image: req.Image}
	if sel.Image == "" && req.Distro == "" && req.Release == "" {
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
		// Not a reference, which Select refuses: the name Toolbx
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

// imageBasename, imageTag and imageDomain read a reference through
// podman's one parser; "" when it is not a reference at all.
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
	return "", &ImageNotFound{Image: image, Registries: true}
}

// ImageNotFound is an image that is not in local storage, nor (when
// Registries) known to any registry Toolbx knows of.
type ImageNotFound struct {
	Image      string
	Registries bool
}

func (e *ImageNotFound) Error() string { return "image not found: " + e.Image }

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
