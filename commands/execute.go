package commands

import (
	"context"
	"errors"

	"github.com/alecthomas/kong"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// needs is what a command needs done before it runs, as it declares.
type needs struct {
	// onHost: inside a container, the command is forwarded to the host.
	onHost bool
	// podman: the command runs podman, so a rootless user needs
	// subordinate ids and podman a migration after an upgrade.
	podman bool
	// config: toolbox.conf is checked first, as Toolbx's pre-run does
	// (create, enter and run read it themselves).
	config bool
}

// declarer is a command that needs something before it runs; one that
// declares nothing needs nothing.
type declarer interface{ needs() needs }

// Execute runs the command that kctx parsed from args, after what it
// needs (forwarding, subordinate ids, toolbox.conf, migration), and words
// the model's errors as Toolbx does.
func Execute(ctx context.Context, kctx *kong.Context, args []string, e *toolbx.Engine, stdio *IO) error {
	var n needs
	if d, ok := kctx.Selected().Target.Addr().Interface().(declarer); ok {
		n = d.needs()
	}
	if n.onHost && e.Host.InsideContainer() {
		return Word(forward(ctx, e.Host, args, stdio))
	}
	if n.podman && !e.Host.HasSubIDs() {
		return errMissingSubIDs(e.Host.User)
	}
	if n.config {
		if err := e.CheckConfig(); err != nil {
			return Word(err)
		}
	}
	if n.podman {
		if err := e.MigrateIfUpgraded(ctx); err != nil {
			return Word(err)
		}
	}
	kctx.BindTo(ctx, (*context.Context)(nil))
	return Word(kctx.Run(e, e.Host, stdio))
}

// forward runs toolbox with the same arguments on the host, and returns
// its exit status.
func forward(ctx context.Context, h *host.Host, args []string, stdio *IO) error {
	code, err := h.Forward(ctx, args, host.Stdio{In: stdio.In, Out: stdio.Out, Err: stdio.Err})
	if err != nil {
		return err
	}
	if code != 0 {
		return &ExitError{Code: code}
	}
	return nil
}

func errMissingSubIDs(user string) error {
	return errors.New("Missing subgid and/or subuid ranges for user " + user + "\n" +
		"See the podman(1), subgid(5), subuid(5) and usermod(8) manuals for more\n" +
		"information.")
}
