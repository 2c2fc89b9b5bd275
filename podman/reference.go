package podman

import (
	_ "crypto/sha256" // digests of image references
	_ "crypto/sha512"
	"fmt"
	"strings"

	"github.com/distribution/reference"
)

// Reference is an image reference as podman reads it:
// [DOMAIN/]PATH[:TAG][@DIGEST]. It is not normalised: a short name such as
// fedora-toolbox:39 has no domain, and podman resolves it through
// registries.conf (or Toolbx through its distributions).
type Reference struct {
	Domain string // "" for a short name
	Path   string // the repository path, fedora/fedora-toolbox
	Tag    string
	Digest string // algorithm:hex
}

// ReferenceError is an image reference that podman would refuse.
type ReferenceError struct {
	Image string
	Err   error
}

func (e *ReferenceError) Error() string {
	return fmt.Sprintf("image %s is not a valid reference: %v", e.Image, e.Err)
}

func (e *ReferenceError) Unwrap() error { return e.Err }

// ParseReference reads image with the grammar of containers' image
// references (github.com/distribution/reference, which podman uses). A
// first component without a dot or a port is part of the path, as podman
// 4 reads short names, and a path must be in lower case: "UPPER/x" is
// refused.
func ParseReference(image string) (Reference, error) {
	ref, err := reference.Parse(image)
	if err != nil {
		return Reference{}, &ReferenceError{Image: image, Err: err}
	}
	named, ok := ref.(reference.Named)
	if !ok {
		return Reference{}, &ReferenceError{Image: image, Err: reference.ErrNameEmpty}
	}
	var r Reference
	r.Domain, r.Path = splitDomain(named.Name())
	if strings.ToLower(r.Path) != r.Path {
		return Reference{}, &ReferenceError{Image: image, Err: reference.ErrNameContainsUppercase}
	}
	if t, ok := ref.(reference.Tagged); ok {
		r.Tag = t.Tag()
	}
	if d, ok := ref.(reference.Digested); ok {
		r.Digest = d.Digest().String()
	}
	return r, nil
}

// splitDomain separates the domain from a repository name as podman does
// for short names: the first component is a domain only when it has a dot
// or a port, or is localhost.
func splitDomain(name string) (domain, path string) {
	first, rest, ok := strings.Cut(name, "/")
	if ok && (strings.ContainsAny(first, ".:") || first == "localhost") {
		return first, rest
	}
	return "", name
}

// Basename is the last component of the path: fedora-toolbox.
func (r Reference) Basename() string {
	return r.Path[strings.LastIndex(r.Path, "/")+1:]
}

// Repository is the reference without tag or digest.
func (r Reference) Repository() string {
	if r.Domain == "" {
		return r.Path
	}
	return r.Domain + "/" + r.Path
}

// String is the reference as podman reads it.
func (r Reference) String() string {
	s := r.Repository()
	if r.Tag != "" {
		s += ":" + r.Tag
	}
	if r.Digest != "" {
		s += "@" + r.Digest
	}
	return s
}
