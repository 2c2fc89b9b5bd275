package commands

import (
	"context"
	"sync"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// Stop is `toolbox stop`.
type Stop struct {
	All        bool     `short:"a" help:"Stop all running Toolbx containers."`
	Containers []string `arg:"" optional:"" name:"container" help:"Toolbx containers to stop."`
}

func (*Stop) needs() needs { return needs{onHost: true, podman: true, config: true} }

// Run implements the command: it stops every container at the same time,
// reports each failure in the order given, and exits 1 when any failed.
func (c *Stop) Run(ctx context.Context, e *toolbx.Engine, stdio *IO) error {
	names := c.Containers
	if c.All {
		var err error
		if names, err = e.RunningContainers(ctx); err != nil {
			return err
		}
	} else if len(names) == 0 {
		return UsageErrorf("missing argument for \"stop\"")
	}
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() { errs[i] = e.StopContainer(ctx, name, !c.All) })
	}
	wg.Wait()
	failed := false
	for _, err := range errs {
		if err = Word(err); err != nil {
			stdio.Errorf("%s", err)
			failed = true
		}
	}
	if failed {
		return &ExitError{Code: 1}
	}
	return nil
}
