package commands

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/toolbx-go/toolbox/podman"
)

// Rm is `toolbox rm`.
type Rm struct {
	All        bool     `short:"a" help:"Remove all Toolbx containers."`
	Force      bool     `short:"f" help:"Force the removal of running and paused Toolbx containers."`
	Containers []string `arg:"" optional:"" name:"container" help:"Toolbx containers to remove."`
}

// Run implements the command. Unlike Toolbx, it exits 1 when any removal
// failed, after trying every one.
func (c *Rm) Run(ctx context.Context, pm *podman.Client, stdio *IO) error {
	names := c.Containers
	if c.All {
		ctrs, err := toolbxContainers(ctx, pm)
		if err != nil {
			return err
		}
		names = nil
		for _, ctr := range ctrs {
			names = append(names, ctr.ID)
		}
	} else if len(names) == 0 {
		return UsageErrorf("missing argument for \"rm\"")
	}
	return removeEach(stdio, names, func(name string) error {
		return removeContainer(ctx, pm, name, c.Force, !c.All)
	})
}

// removeEach removes every name, printing each failure, and exits 1 when
// any failed.
func removeEach(stdio *IO, names []string, remove func(string) error) error {
	failed := false
	for _, name := range names {
		if err := remove(name); err != nil {
			stdio.Errorf("%s", err)
			failed = true
		}
	}
	if failed {
		return &ExitError{Code: 1}
	}
	return nil
}

// removeContainer removes one Toolbx container, refusing other containers.
func removeContainer(ctx context.Context, pm *podman.Client, name string, force, check bool) error {
	if check {
		ctr, err := pm.InspectContainer(ctx, name)
		if err != nil {
			slog.DebugContext(ctx, "Inspecting the container failed", "container", name, "err", err)
			if errors.Is(err, podman.ErrNotFound) {
				return fmt.Errorf("failed to inspect container %s", name)
			}
			return podmanFailed("failed to inspect container "+name, err)
		}
		if !podman.IsToolbx(ctr.Labels) {
			return fmt.Errorf("%s is not a Toolbx container", name)
		}
	}
	err := pm.RemoveContainer(ctx, name, force)
	switch {
	case errors.Is(err, podman.ErrNotFound):
		return fmt.Errorf("container %s not found", name)
	case errors.Is(err, podman.ErrRunning):
		return fmt.Errorf("container %s is running", name)
	case err != nil:
		slog.DebugContext(ctx, "Removing the container failed", "container", name, "err", err)
		return podmanFailed("failed to remove container "+name, err)
	}
	return nil
}
