package toolbx

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/toolbx-go/toolbox/podman"
)

// Containers lists the Toolbx containers only.
func (e *Engine) Containers(ctx context.Context) ([]podman.Container, error) {
	all, err := e.Podman.ListContainers(ctx)
	if err != nil {
		slog.DebugContext(ctx, "Listing containers failed", "err", err)
		return nil, failed(ListContainers, "", err)
	}
	var ctrs []podman.Container
	for _, c := range all {
		if podman.IsToolbx(c.Labels) {
			ctrs = append(ctrs, c)
		}
	}
	return ctrs, nil
}

// Images lists the Toolbx images only.
func (e *Engine) Images(ctx context.Context) ([]podman.Image, error) {
	all, err := e.Podman.ListImages(ctx)
	return toolbxImages(ctx, all, err)
}

// CachedImages is Images without a podman start-up when the image store
// did not change since the last call: containers/storage rewrites the
// store's index on every change, by renaming a new file over it, so its
// inode, size and modification time identify a state of the store.
func (e *Engine) CachedImages(ctx context.Context) ([]podman.Image, error) {
	st := e.state()
	index := e.imageIndex(ctx, st)
	before := podman.FileState(index)
	if index == "" || before == "" {
		return e.Images(ctx)
	}
	if state, raw, ok := strings.Cut(st.read("go-images"), "\n"); ok && state == before {
		if list, err := podman.DecodeImages([]byte(raw)); err == nil {
			return toolbxImages(ctx, list, nil)
		}
	}
	list, raw, err := e.Podman.ListImagesRaw(ctx)
	if err == nil && podman.FileState(index) == before { // nothing changed while podman listed
		_ = st.write("go-images", append([]byte(before+"\n"), raw...))
	}
	return toolbxImages(ctx, list, err)
}

// imageIndex is the path of the image store's index, asked of podman
// once per store; "" when podman does not tell.
func (e *Engine) imageIndex(ctx context.Context, st State) string {
	if lines := strings.Split(st.read("go-store"), "\n"); len(lines) >= 2 && lines[0] == st.storeKey {
		return lines[1]
	}
	index, err := e.Podman.ImageIndex(ctx)
	if err != nil {
		slog.DebugContext(ctx, "Finding the image store failed", "err", err)
		return ""
	}
	_ = st.write("go-store", []byte(st.storeKey+"\n"+index+"\n"))
	return index
}

func toolbxImages(ctx context.Context, all []podman.Image, err error) ([]podman.Image, error) {
	if err != nil {
		slog.DebugContext(ctx, "Listing images failed", "err", err)
		return nil, failed(ListImages, "", err)
	}
	var imgs []podman.Image
	for _, img := range all {
		if podman.IsToolbx(img.Labels) {
			imgs = append(imgs, img)
		}
	}
	return imgs, nil
}

// RemoveContainer removes one Toolbx container; check refuses other
// containers first (rm --all lists Toolbx ones only).
func (e *Engine) RemoveContainer(ctx context.Context, name string, force, check bool) error {
	id, known := name, name // rm --all passes IDs
	if check {
		ctr, err := e.checkToolbx(ctx, name)
		if err != nil {
			return err
		}
		id, known = ctr.ID, ctr.Name()
	}
	err := e.Podman.RemoveContainer(ctx, name, force)
	switch {
	case isNotFound(err):
		return &NotFound{Container: name}
	case errors.Is(err, podman.ErrRunning):
		return &InUse{Name: name}
	case err != nil:
		slog.DebugContext(ctx, "Removing the container failed", "container", name, "err", err)
		return failed(RemoveContainer, name, err)
	}
	e.state().ForgetEntryPoint(name)
	e.unexportRemoved(ctx, id, known)
	return nil
}

// RemoveImage removes one Toolbx image; check refuses other images first.
func (e *Engine) RemoveImage(ctx context.Context, name string, force, check bool) error {
	if check {
		img, err := e.Podman.InspectImage(ctx, name)
		if err != nil {
			slog.DebugContext(ctx, "Inspecting the image failed", "image", name, "err", err)
			return failed(InspectImage, name, err)
		}
		if !podman.IsToolbx(img.Labels) {
			return &NotToolbx{Name: name, Image: true}
		}
	}
	err := e.Podman.RemoveImage(ctx, name, force)
	switch {
	case isNotFound(err):
		return &ImageNotFound{Image: name}
	case errors.Is(err, podman.ErrInUse):
		return &InUse{Name: name, Image: true}
	case err != nil:
		slog.DebugContext(ctx, "Removing the image failed", "image", name, "err", err)
		return failed(RemoveImage, name, err)
	}
	return nil
}
