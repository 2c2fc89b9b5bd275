package commands

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/toolbx-go/toolbox/podman"
)

// Rmi is `toolbox rmi`.
type Rmi struct {
	All    bool     `short:"a" help:"Remove all Toolbx images."`
	Force  bool     `short:"f" help:"Force the removal of Toolbx images that are used by Toolbx containers."`
	Images []string `arg:"" optional:"" name:"image" help:"Toolbx images to remove."`
}

// Run implements the command. Unlike Toolbx, it exits 1 when any removal
// failed, after trying every one.
func (c *Rmi) Run(ctx context.Context, pm *podman.Client, stdio *IO) error {
	names := c.Images
	if c.All {
		imgs, err := toolbxImages(ctx, pm)
		if err != nil {
			return err
		}
		names = nil
		for _, img := range imgs {
			names = append(names, img.ID)
		}
	} else if len(names) == 0 {
		return UsageErrorf("missing argument for \"rmi\"")
	}
	return removeEach(stdio, names, func(name string) error {
		return removeImage(ctx, pm, name, c.Force, !c.All)
	})
}

// removeImage removes one Toolbx image, refusing other images.
func removeImage(ctx context.Context, pm *podman.Client, name string, force, check bool) error {
	if check {
		img, err := pm.InspectImage(ctx, name)
		if err != nil {
			slog.DebugContext(ctx, "Inspecting the image failed", "image", name, "err", err)
			if errors.Is(err, podman.ErrNotFound) {
				return fmt.Errorf("failed to inspect image %s", name)
			}
			return podmanFailed("failed to inspect image "+name, err)
		}
		if !podman.IsToolbx(img.Labels) {
			return fmt.Errorf("%s is not a Toolbx image", name)
		}
	}
	err := pm.RemoveImage(ctx, name, force)
	switch {
	case errors.Is(err, podman.ErrNotFound):
		return fmt.Errorf("image %s not found", name)
	case errors.Is(err, podman.ErrInUse):
		return fmt.Errorf("image %s has dependent children", name)
	case err != nil:
		slog.DebugContext(ctx, "Removing the image failed", "image", name, "err", err)
		return podmanFailed("failed to remove image "+name, err)
	}
	return nil
}
