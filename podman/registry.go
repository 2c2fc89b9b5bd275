package podman

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"strings"
)

// Reading a registry without pulling is skopeo(1)'s job: podman 4.3 has
// no command that shows the size of a remote image (`podman manifest
// inspect` takes no --authfile and `podman image inspect` sees only local
// images). Toolbx runs skopeo for this too.

// SkopeoRunner is implemented by Runners that can also run skopeo. The
// registry methods of Client fail with ErrNoSkopeo on other Runners.
type SkopeoRunner interface {
	RunSkopeo(ctx context.Context, args []string, stdio Stdio) error
}

// SkopeoError is skopeo exiting non-zero.
type SkopeoError struct {
	Args     []string
	ExitCode int
	Stderr   string
}

func (e *SkopeoError) Error() string {
	return fmt.Sprintf("skopeo %s: exit status %d: %s", strings.Join(e.Args, " "), e.ExitCode, strings.TrimSpace(e.Stderr))
}

// RunSkopeo implements SkopeoRunner with skopeo from PATH and r.Env.
func (r ExecRunner) RunSkopeo(ctx context.Context, args []string, s Stdio) error {
	code, stderr, err := r.run(ctx, "skopeo", "skopeo", args, s)
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return ErrNoSkopeo
	case err != nil:
		return err
	case code != 0:
		return &SkopeoError{Args: args, ExitCode: code, Stderr: stderr}
	}
	return nil
}

// RegistryOptions say how to reach a registry.
type RegistryOptions struct {
	AuthFile string
	// RegistriesConf is $CONTAINERS_REGISTRIES_CONF: podman reads the
	// variable itself, skopeo 1.9 only takes it as --registries-conf.
	RegistriesConf string
}

// inspectRawArgs is the argv of `skopeo inspect --raw` for ref, an image
// name without a transport.
func inspectRawArgs(ref string, o RegistryOptions) []string {
	var args []string
	if o.RegistriesConf != "" {
		args = append(args, "--registries-conf", o.RegistriesConf)
	}
	args = append(args, "inspect", "--raw")
	if o.AuthFile != "" {
		args = append(args, "--authfile", o.AuthFile)
	}
	return append(args, "docker://"+ref)
}

// Manifest is an image manifest or, when Manifests is not empty, a
// manifest list (Docker) or image index (OCI). Both formats share these
// fields; Docker schema 1 manifests have neither and give no size.
type Manifest struct {
	MediaType string
	Layers    []Descriptor
	Manifests []Descriptor
}

// Descriptor points at a blob or, in a list, at a manifest.
type Descriptor struct {
	MediaType string
	Digest    string
	Size      int64
	Platform  *Platform
}

// Platform is what a list entry runs on.
type Platform struct {
	Architecture string
	OS           string
	Variant      string
}

// InspectManifest runs `skopeo inspect --raw docker://REF`, which asks the
// registry for the manifest of ref without pulling anything.
func (c *Client) InspectManifest(ctx context.Context, ref string, o RegistryOptions) (Manifest, error) {
	sr, ok := c.runner.(SkopeoRunner)
	if !ok {
		return Manifest{}, fmt.Errorf("inspect manifest %s: %w", ref, ErrNoSkopeo)
	}
	var out bytes.Buffer
	if err := sr.RunSkopeo(ctx, inspectRawArgs(ref, o), Stdio{Stdout: &out}); err != nil {
		return Manifest{}, fmt.Errorf("inspect manifest %s: %w", ref, err)
	}
	var m Manifest
	if err := json.Unmarshal(out.Bytes(), &m); err != nil {
		return Manifest{}, fmt.Errorf("inspect manifest %s: decode: %w", ref, err)
	}
	return m, nil
}

// RegistryImageSize is the download size of image (the sum of its
// compressed layers) as its registry tells it, for this machine's
// platform when image is a manifest list.
func (c *Client) RegistryImageSize(ctx context.Context, image string, o RegistryOptions) (int64, error) {
	m, err := c.InspectManifest(ctx, image, o)
	if err != nil {
		return 0, err
	}
	if len(m.Manifests) > 0 {
		entry, ok := pickManifest(m.Manifests, runtime.GOOS, runtime.GOARCH)
		if !ok {
			return 0, fmt.Errorf("image %s has no manifest for %s/%s", image, runtime.GOOS, runtime.GOARCH)
		}
		ref, err := ParseReference(image)
		if err != nil {
			return 0, err
		}
		if m, err = c.InspectManifest(ctx, ref.Repository()+"@"+entry.Digest, o); err != nil {
			return 0, err
		}
	}
	return layersSize(image, m)
}

// layersSize adds up the sizes of m's layers.
func layersSize(image string, m Manifest) (int64, error) {
	if len(m.Layers) == 0 {
		return 0, fmt.Errorf("manifest of %s lists no layer sizes", image)
	}
	var size int64
	for _, l := range m.Layers {
		size += l.Size
	}
	return size, nil
}

// pickManifest is the first list entry for os and arch, as podman picks
// it (any variant).
func pickManifest(list []Descriptor, os, arch string) (Descriptor, bool) {
	for _, d := range list {
		if d.Platform != nil && d.Platform.OS == os && d.Platform.Architecture == arch {
			return d, true
		}
	}
	return Descriptor{}, false
}
