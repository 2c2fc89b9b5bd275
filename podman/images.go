package podman

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Image is what toolbox needs to know of an image.
type Image struct {
	ID      string
	Names   []string // repository:tag names; empty for a dangling image
	Created time.Time
	Labels  map[string]string
	Size    int64
}

type rawImage struct {
	ID       string `json:"Id"`
	Names    []string
	RepoTags []string
	Created  json.RawMessage // Unix seconds since 2.0; RFC 3339 in 1.x and inspect
	Labels   map[string]string
	Size     int64
	Config   *struct{ Labels map[string]string }
}

// UnmarshalJSON accepts `podman images` and `podman inspect --type image`.
func (i *Image) UnmarshalJSON(data []byte) error {
	var r rawImage
	if err := json.Unmarshal(data, &r); err != nil {
		return err
	}
	*i = Image{ID: r.ID, Names: r.Names, Labels: r.Labels, Size: r.Size}
	if len(i.Names) == 0 {
		i.Names = r.RepoTags
	}
	if i.Labels == nil && r.Config != nil {
		i.Labels = r.Config.Labels
	}
	i.Created = parseCreated(r.Created, "")
	return nil
}

// ListImages runs `podman images --format json`.
func (c *Client) ListImages(ctx context.Context) ([]Image, error) {
	list, _, err := c.ListImagesRaw(ctx)
	return list, err
}

// ListImagesRaw is ListImages that also returns podman's output as it
// was, for a cache to keep (DecodeImages reads it back).
func (c *Client) ListImagesRaw(ctx context.Context) ([]Image, []byte, error) {
	out, err := c.output(ctx, "images", "--format", "json")
	if err != nil {
		return nil, nil, fmt.Errorf("list images: %w", err)
	}
	list, err := DecodeImages(out)
	if err != nil {
		return nil, nil, fmt.Errorf("list images: decode: %w", err)
	}
	return list, out, nil
}

// DecodeImages decodes `podman images --format json`, one image per ID:
// podman 4 lists an image once for each of its names, each entry with all
// of them.
func DecodeImages(out []byte) ([]Image, error) {
	var all []Image
	if err := json.Unmarshal(out, &all); err != nil {
		return nil, err
	}
	var list []Image
	seen := map[string]bool{}
	for _, img := range all {
		if !seen[img.ID] {
			seen[img.ID] = true
			list = append(list, img)
		}
	}
	return list, nil
}

// InspectImage runs `podman inspect --type image NAME`; 125 means absent.
func (c *Client) InspectImage(ctx context.Context, name string) (Image, error) {
	out, err := c.output(ctx, "inspect", "--format", "json", "--type", "image", "--", name)
	if err != nil {
		return Image{}, wrap(err, noSuchObject(err), "inspect image %s", name)
	}
	var list []Image
	if err := json.Unmarshal(out, &list); err != nil {
		return Image{}, fmt.Errorf("inspect image %s: decode: %w", name, err)
	}
	if len(list) == 0 {
		return Image{}, fmt.Errorf("inspect image %s: %w", name, ErrNotFound)
	}
	return list[0], nil
}

// RemoveImage runs `podman rmi [--force] NAME`: exit 1 means no such image,
// exit 2 that a container uses it (podman-rmi(1)).
func (c *Client) RemoveImage(ctx context.Context, name string, force bool) error {
	args := []string{"rmi"}
	if force {
		args = append(args, "--force")
	}
	err := c.run(ctx, Stdio{}, append(args, "--", name)...)
	return wrap(err, map[int]error{1: ErrNotFound, 2: ErrInUse}, "remove image %s", name)
}

// PullOptions are the options of `podman pull`.
type PullOptions struct {
	AuthFile string
	// Quiet leaves out podman's progress, which goes to Stdio.Stderr.
	Quiet bool
	// Stdio is where podman's output goes: the image ID on Stdout and the
	// progress on Stderr. A nil Stderr captures podman's error messages.
	Stdio Stdio
}

// args is the argv of `podman pull [--authfile FILE] [--quiet] IMAGE`.
func (o PullOptions) args(image string) []string {
	args := []string{"pull"}
	if o.AuthFile != "" {
		args = append(args, "--authfile", o.AuthFile)
	}
	if o.Quiet {
		args = append(args, "--quiet")
	}
	return append(args, "--", image)
}

// Pull runs `podman pull`. An interrupted pull returns the context's error.
func (c *Client) Pull(ctx context.Context, image string, opts PullOptions) error {
	err := c.run(ctx, opts.Stdio, opts.args(image)...)
	return wrap(err, nil, "pull image %s", image)
}

// Version runs `podman version --format json` and returns the client
// version, such as "4.3.1".
func (c *Client) Version(ctx context.Context) (string, error) {
	out, err := c.output(ctx, "version", "--format", "json")
	if err != nil {
		return "", fmt.Errorf("podman version: %w", err)
	}
	var v struct{ Client struct{ Version string } }
	if err := json.Unmarshal(out, &v); err != nil {
		return "", fmt.Errorf("podman version: decode: %w", err)
	}
	return strings.TrimSpace(v.Client.Version), nil
}

// SystemMigrate runs `podman system migrate`, which moves containers to
// what a new podman version expects (podman-system-migrate(1)), and to the
// OCI runtime newRuntime unless it is "".
func (c *Client) SystemMigrate(ctx context.Context, newRuntime string) error {
	args := []string{"system", "migrate"}
	if newRuntime != "" {
		args = append(args, "--new-runtime", newRuntime)
	}
	return wrap(c.run(ctx, Stdio{}, args...), nil, "podman system migrate")
}
