package commands

import (
	"context"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// Run is `toolbox run`.
type Run struct {
	Container   string   `short:"c" placeholder:"CONTAINER" help:"Run command inside a Toolbx container with the given name."`
	Distro      string   `short:"d" placeholder:"DISTRO" help:"Run command inside a Toolbx container for a different operating system distribution than the host."`
	Env         []string `name:"env" sep:"none" placeholder:"VAR[=VALUE]" help:"Set the environment variable VAR for the command, to VALUE or to its value on the host."`
	PreserveFDs uint     `name:"preserve-fds" placeholder:"N" help:"Pass down to command N additional file descriptors (in addition to 0, 1, 2)."`
	Release     string   `short:"r" placeholder:"RELEASE" help:"Run command inside a Toolbx container for a different operating system release than the host."`
	Workdir     string   `name:"workdir" placeholder:"DIR" help:"Run the command in DIR instead of the current directory."`
	Command     []string `arg:"" optional:"" passthrough:"partial" name:"command" help:"The command to run, with its arguments."`
}

func (*Run) needs() needs { return needs{onHost: true, podman: true} }

// Run implements the command.
func (c *Run) Run(ctx context.Context, e *toolbx.Engine, stdio *IO) error {
	command := c.Command
	if len(command) > 0 && command[0] == "--" {
		command = command[1:]
	}
	if len(command) == 0 {
		return UsageErrorf("missing argument for \"run\"")
	}
	return execIn(ctx, e, stdio, session{
		sel:     toolbx.SelectRequest{Name: c.Container, NameArg: "--container", Distro: c.Distro, Release: c.Release},
		workdir: c.Workdir, env: c.Env,
		missing: func(sel toolbx.Selection) (string, error) {
			return sel.Container, c.createMissing(ctx, e, stdio, sel)
		},
	}, toolbx.ExecRequest{Command: command, PreserveFDs: c.PreserveFDs, LoginShell: true})
}

// createMissing handles a missing container. Only the default one, and only
// when there are no Toolbx containers at all, is offered for creation, as
// `enter` does; the question needs a terminal (or -y), so that a script's
// input is never taken for an answer. A declined offer exits 1: the command
// did not run.
func (c *Run) createMissing(ctx context.Context, e *toolbx.Engine, stdio *IO, sel toolbx.Selection) error {
	notFound := UsageErrorf("container %s not found\nUse the 'create' command to create a Toolbx.", sel.Container)
	defaultAsked := c.Container == "" && c.Distro == "" && c.Release == ""
	if !defaultAsked || (!stdio.AssumeYes && !stdio.Interactive()) {
		return notFound
	}
	ctrs, err := e.Containers(ctx)
	if err != nil {
		return err
	}
	if len(ctrs) > 0 {
		return notFound
	}
	created, err := offerToCreate(ctx, e, stdio, sel)
	if err == nil && !created {
		err = &ExitError{Code: 1}
	}
	return err
}

// execRequest completes req with the user's streams and signals.
func execRequest(stdio *IO, req toolbx.ExecRequest) toolbx.ExecRequest {
	req.Stdin, req.Stdout, req.Stderr = stdio.In, stdio.Out, stdio.Err
	req.InTTY, req.OutTTY = stdio.InTTY, stdio.OutTTY
	if stdio.Interrupts != nil {
		req.Signals = stdio.Interrupts
	}
	return req
}
