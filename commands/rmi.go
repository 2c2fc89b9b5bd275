package commands

import (
	"context"
	"errors"
	"fmt"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// Rmi is `toolbox rmi`.
type Rmi struct {
	All    bool     `short:"a" help:"Remove all Toolbx images."`
	Force  bool     `short:"f" help:"Force the removal of Toolbx images that are used by Toolbx containers."`
	Images []string `arg:"" optional:"" name:"image" help:"Toolbx images to remove."`
}

func (*Rmi) needs() needs { return needs{onHost: true, podman: true, config: true} }

// Run implements the command. Unlike Toolbx, it exits 1 when any removal
// failed, after trying every one.
func (c *Rmi) Run(ctx context.Context, e *toolbx.Engine, stdio *IO) error {
	names := c.Images
	if c.All {
		imgs, err := e.Images(ctx)
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
		err := e.RemoveImage(ctx, name, c.Force, !c.All)
		if nf := (*toolbx.ImageNotFound)(nil); errors.As(err, &nf) {
			return fmt.Errorf("image %s not found", name)
		}
		return err
	})
}
