package commands

import (
	"context"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// Rm is `toolbox rm`.
type Rm struct {
	All        bool     `short:"a" help:"Remove all Toolbx containers."`
	Force      bool     `short:"f" help:"Force the removal of running and paused Toolbx containers."`
	Containers []string `arg:"" optional:"" name:"container" help:"Toolbx containers to remove."`
}

func (*Rm) needs() needs { return needs{onHost: true, podman: true, config: true} }

// Run implements the command. Unlike Toolbx, it exits 1 when any removal
// failed, after trying every one.
func (c *Rm) Run(ctx context.Context, e *toolbx.Engine, stdio *IO) error {
	names := c.Containers
	if c.All {
		ctrs, err := e.Containers(ctx)
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
		return e.RemoveContainer(ctx, name, c.Force, !c.All)
	})
}

// removeEach removes every name, printing each failure, and exits 1 when
// any failed.
func removeEach(stdio *IO, names []string, remove func(string) error) error {
	failed := false
	for _, name := range names {
		if err := Word(remove(name)); err != nil {
			stdio.Errorf("%s", err)
			failed = true
		}
	}
	if failed {
		return &ExitError{Code: 1}
	}
	return nil
}
