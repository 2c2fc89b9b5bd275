package toolbx

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"

	"github.com/toolbx-go/toolbox/podman"
)

// CreateRequest is how to create a container.
type CreateRequest struct {
	AuthFile string
	// Hostname, Volumes and AutoStop are create's --hostname, --volume
	// and --auto-stop (see custom.go).
	Hostname string
	Volumes  []string
	AutoStop bool
	// Progress gets podman's download progress; nil pulls quietly.
	Progress io.Writer
}

// ErrPullDeclined is the user saying no to the download of the image.
const ErrPullDeclined = constError("the download of the image was declined")

// Create creates sel.Container from the first local image that matches
// sel.Image, trying `podman create --pull never` on each candidate, so
// that the common case costs one podman call; when none is local, it
// pulls the image (after asking) and creates from it.
func (e *Engine) Create(ctx context.Context, sel Selection, req CreateRequest) error {
	opts, err := e.recipe(sel.Container, "")
	if err == nil {
		err = e.customize(&opts, req)
	}
	if err != nil {
		return err
	}
	full, fqErr := fullyQualified(sel.Image, sel.Release)
	created := false
	for _, image := range localCandidates(sel.Image, full) {
		slog.DebugContext(ctx, "Looking up image "+image)
		opts.Image = image
		if created, err = e.tryCreate(ctx, sel, opts); created || err != nil {
			break
		}
	}
	if !created && err == nil {
		err = e.createAfterPull(ctx, sel, opts, full, fqErr, req)
	}
	if err != nil {
		return err
	}
	// What toolbox remembered under this name was another container's.
	e.state().ForgetEntryPoint(sel.Container)
	return nil
}

// localCandidates are the names under which image may be in local
// storage, in Toolbx's order: an image ID, localhost/IMAGE for a name
// without a registry, and the fully qualified name.
func localCandidates(image, full string) []string {
	var candidates []string
	if canBeImageID(image) {
		candidates = append(candidates, image)
	}
	if imageDomain(image) == "" {
		candidates = append(candidates, "localhost/"+image)
	}
	if full != "" && !slices.Contains(candidates, full) {
		candidates = append(candidates, full)
	}
	return candidates
}

// tryCreate creates the container from opts.Image if it is local; false
// with no error means the image is not.
func (e *Engine) tryCreate(ctx context.Context, sel Selection, opts podman.CreateOptions) (bool, error) {
	_, err := e.Podman.CreateContainer(ctx, opts)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, podman.ErrNotFound):
		return false, nil
	case errors.Is(err, podman.ErrInUse):
		return false, &Exists{Container: opts.Name, Default: sel.Default}
	case ctx.Err() != nil:
		return false, &Interrupted{Op: CreateContainer, Object: opts.Name}
	}
	slog.DebugContext(ctx, "Creating the container failed", "err", err)
	return false, failed(CreateContainer, opts.Name, err)
}

// createAfterPull pulls the fully qualified image, unless the container
// exists already, and creates the container from it.
func (e *Engine) createAfterPull(ctx context.Context, sel Selection, opts podman.CreateOptions, full string, fqErr error, req CreateRequest) error {
	if exists, err := e.Podman.ContainerExists(ctx, opts.Name); err == nil && exists {
		return &Exists{Container: opts.Name, Default: sel.Default}
	}
	if fqErr != nil {
		return fqErr
	}
	if imageDomain(full) == "localhost" {
		return &ImageNotFound{Image: full}
	}
	if err := e.Pull(ctx, full, req); err != nil {
		return err
	}
	opts.Image = full
	if created, err := e.tryCreate(ctx, sel, opts); created || err != nil {
		return err
	}
	return failed(CreateContainer, opts.Name, nil)
}
