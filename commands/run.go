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
func (c *Run) Run(ctx context.Context, pm *podman.Client, stdio *IO, h *Host) error {
	command := c.Command
	if len(command) > 0 && command[0] == "--" {
		command = command[1:]
	}
	if len(command) == 0 {
		return UsageErrorf("missing argument for \"run\"")
	}
	name, err := selectContainer(h, c.Container, c.Distro, c.Release)
	if err != nil {
		return err
	}
	err = ensureReady(ctx, pm, h, name)
	if errors.Is(err, errNoContainer) {
		return UsageErrorf("container %s not found\nUse the 'create' command to create a Toolbx.", name)
	}
	if err != nil {
		return err
	}
	return execInContainer(ctx, pm, stdio, h, execRequest{
		container: name, command: command, preserveFDs: c.PreserveFDs, loginShell: true,
	})
}

// selectContainer resolves the container that enter and run work on.
func selectContainer(h *Host, name, distroArg, releaseArg string) (string, error) {
	if err := checkHostLink(h); err != nil {
		return "", err
	}
	if name != "" {
		if err := validateContainerName(name, "--container"); err != nil {
			return "", err
		}
	}
	cfg, err := LoadConfig(h)
	if err != nil {
		return "", err
	}
	sel, err := resolve(h, cfg, name, distroArg, releaseArg, "")
	if err != nil {
		return "", err
	}
	return sel.Container, nil
}
