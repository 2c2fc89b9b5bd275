package commands

import (
	"context"
	"errors"

	"github.com/toolbx-go/toolbox/podman"
)

// Run is `toolbox run`.
type Run struct {
	Container   string   `short:"c" placeholder:"CONTAINER" help:"Run command inside a Toolbx container with the given name."`
	Distro      string   `short:"d" placeholder:"DISTRO" help:"Run command inside a Toolbx container for a different operating system distribution than the host."`
	PreserveFDs uint     `name:"preserve-fds" placeholder:"N" help:"Pass down to command N additional file descriptors (in addition to 0, 1, 2)."`
	Release     string   `short:"r" placeholder:"RELEASE" help:"Run command inside a Toolbx container for a different operating system release than the host."`
	Command     []string `arg:"" optional:"" passthrough:"partial" name:"command" help:"The command to run, with its arguments."`
}

// Run implements the command.
func (c *Run) Run(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, g *Globals) error {
	command := c.Command
	if len(command) > 0 && command[0] == "--" {
		command = command[1:]
	}
	if len(command) == 0 {
		return UsageErrorf("missing argument for \"run\"")
	}
	if h.CwdErr != nil {
		// The command would run elsewhere: say so, and run nothing.
		return h.CwdErr
	}
	sel, err := selectContainer(h, c.Container, c.Distro, c.Release)
	if err != nil {
		return err
	}
	name := sel.Container
	id, err := ensureReady(ctx, pm, stdio, h, name)
	if errors.Is(err, errNoContainer) {
		if err = c.createMissing(ctx, pm, stdio, h, g, sel); err == nil {
			id, err = ensureReady(ctx, pm, stdio, h, name)
		}
	}
	if err != nil {
		return err
	}
	return execInContainer(ctx, pm, stdio, h, execRequest{
		container: name, id: id, command: command, preserveFDs: c.PreserveFDs, loginShell: true,
	})
}

// createMissing handles a missing container. Only the default one, and only
// when there are no Toolbx containers at all, is offered for creation, as
// `enter` does; the question needs a terminal (or -y), so that a script's
// input is never taken for an answer. A declined offer exits 1: the command
// did not run.
func (c *Run) createMissing(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, g *Globals, sel Selection) error {
	notFound := UsageErrorf("container %s not found\nUse the 'create' command to create a Toolbx.", sel.Container)
	defaultAsked := c.Container == "" && c.Distro == "" && c.Release == ""
	if !defaultAsked || (!g.AssumeYes && !stdio.Interactive()) {
		return notFound
	}
	ctrs, err := toolbxContainers(ctx, pm)
	if err != nil {
		return err
	}
	if len(ctrs) > 0 {
		return notFound
	}
	created, err := offerToCreate(ctx, pm, stdio, h, g, sel)
	if err == nil && !created {
		err = &ExitError{Code: 1}
	}
	return err
}

// selectContainer resolves the container that run works on.
func selectContainer(h *Host, name, distroArg, releaseArg string) (Selection, error) {
	if err := checkHostLink(h); err != nil {
		return Selection{}, err
	}
	if name != "" {
		if err := validateContainerName(name, "--container"); err != nil {
			return Selection{}, err
		}
	}
	cfg, err := LoadConfig(h)
	if err != nil {
		return Selection{}, err
	}
	return resolve(h, cfg, name, distroArg, releaseArg, "")
}
