package commands

import (
	"context"
	"fmt"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// Enter is `toolbox enter`.
type Enter struct {
	Name          []string `arg:"" optional:"" name:"container" help:"Name of the Toolbx container to enter."`
	ContainerFlag string   `name:"container" short:"c" hidden:"" help:"Enter a Toolbx container with the given name."`
	Distro        string   `short:"d" placeholder:"DISTRO" help:"Enter a Toolbx container for a different operating system distribution than the host."`
	Env           []string `name:"env" sep:"none" placeholder:"VAR[=VALUE]" help:"Set the environment variable VAR for the shell, to VALUE or to its value on the host."`
	Release       string   `short:"r" placeholder:"RELEASE" help:"Enter a Toolbx container for a different operating system release than the host."`
	Workdir       string   `name:"workdir" placeholder:"DIR" help:"Start the shell in DIR instead of the current directory."`
}

func (*Enter) needs() needs { return needs{onHost: true, podman: true} }

// Run implements the command.
func (c *Enter) Run(ctx context.Context, e *toolbx.Engine, stdio *IO) error {
	name, argName := c.ContainerFlag, "--container"
	if len(c.Name) > 0 {
		name, argName = c.Name[0], "CONTAINER"
	}
	defaultAsked := name == "" && c.Distro == "" && c.Release == ""
	return execIn(ctx, e, stdio, session{
		sel:     toolbx.SelectRequest{Name: name, NameArg: argName, Distro: c.Distro, Release: c.Release},
		workdir: c.Workdir, env: c.Env,
		missing: func(sel toolbx.Selection) (string, error) { return c.fallback(ctx, e, stdio, sel, defaultAsked) },
	}, toolbx.ExecRequest{
		Command: []string{e.Host.Shell, "-l"}, FallbackToBash: true, Around: terminalEscapes(stdio, e.Host.UID),
	})
}

// fallback handles a missing container as Toolbx does: offer to create
// one when there are none, or enter the only one there is. It returns the
// container to enter, or "" when the user declined.
func (c *Enter) fallback(ctx context.Context, e *toolbx.Engine, stdio *IO, sel toolbx.Selection, defaultAsked bool) (string, error) {
	ctrs, err := e.Containers(ctx)
	if err != nil {
		return "", err
	}
	switch {
	case len(ctrs) == 0:
		if created, err := offerToCreate(ctx, e, stdio, sel); !created || err != nil {
			return "", err
		}
		return sel.Container, nil
	case len(ctrs) == 1 && defaultAsked:
		other := ctrs[0].Name()
		fmt.Fprintf(stdio.Err, "Error: container %s not found\nEntering container %s instead.\n"+
			"Use the 'create' command to create a different Toolbx.\n%s\n", sel.Container, other, usageHint)
		return other, nil
	}
	return "", UsageErrorf("container %s not found\nUse the '--container' option to select a Toolbx.", sel.Container)
}

// terminalEscapes tells the terminal (VTE, Ptyxis) around each podman exec
// which container it is in, on a terminal only.
func terminalEscapes(stdio *IO, uid int) func(string) func() {
	if !stdio.OutTTY {
		return nil
	}
	return func(container string) func() {
		fmt.Fprintf(stdio.Out, "\033]777;container;push;%s;toolbox;%d\033\\", container, uid)
		return func() { fmt.Fprintf(stdio.Out, "\033]777;container;pop;;;%d\033\\", uid) }
	}
}
