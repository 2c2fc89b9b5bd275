package commands

import (
	"context"
	"fmt"
	"os"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// Create is `toolbox create`.
type Create struct {
	Name          []string `arg:"" optional:"" name:"container" help:"Name of the Toolbx container."`
	ContainerFlag string   `name:"container" short:"c" hidden:"" help:"Assign a different name to the Toolbx container."`
	AuthFile      string   `name:"authfile" placeholder:"FILE" help:"Path to a file with credentials for authenticating to the registry for private images."`
	AutoStop      *bool    `name:"auto-stop" negatable:"" help:"Stop the Toolbx container once its last enter or run session ends (default: auto_stop in toolbox.conf, else no)."`
	Distro        string   `short:"d" placeholder:"DISTRO" help:"Create a Toolbx container for a different operating system distribution than the host."`
	Hostname      string   `name:"hostname" placeholder:"NAME" help:"Give the Toolbx container the hostname NAME instead of toolbx."`
	Image         string   `short:"i" placeholder:"NAME" help:"Change the name of the base image used to create the Toolbx container."`
	Release       string   `short:"r" placeholder:"RELEASE" help:"Create a Toolbx container for a different operating system release than the host."`
	Volume        []string `name:"volume" sep:"none" placeholder:"SRC:DST[:OPTIONS]" help:"Mount the host's SRC at DST in the Toolbx container, with podman's OPTIONS."`
}

func (*Create) needs() needs { return needs{onHost: true, podman: true} }

// Run implements the command.
func (c *Create) Run(ctx context.Context, e *toolbx.Engine, stdio *IO) error {
	name, argName, err := c.containerName()
	if err != nil {
		return err
	}
	if c.Distro != "" && c.Image != "" {
		return UsageErrorf("options --distro and --image cannot be used together")
	}
	if c.Image != "" && c.Release != "" {
		return UsageErrorf("options --image and --release cannot be used together")
	}
	if c.Image != "" {
		if err := toolbx.CheckBasename(c.Image); err != nil {
			return err
		}
	}
	if c.AuthFile != "" {
		if _, err := os.Stat(c.AuthFile); err != nil {
			return UsageErrorf("file %s not found\n'podman login' can be used to create the file.", c.AuthFile)
		}
	}
	if err := e.CheckHostLink(); err != nil {
		return err
	}
	sel, err := e.Select(toolbx.SelectRequest{Name: name, NameArg: argName, Distro: c.Distro, Release: c.Release, Image: c.Image})
	if err != nil {
		return err
	}
	req := createRequest(stdio, c.AuthFile)
	req.Hostname, req.Volumes = c.Hostname, c.Volume
	if req.AutoStop, err = e.AutoStop(c.AutoStop); err != nil {
		return err
	}
	if err := e.Create(ctx, sel, req); err != nil {
		return err
	}
	fmt.Fprintf(stdio.Out, "Created container: %s\n", sel.Container)
	fmt.Fprintf(stdio.Out, "Enter with: %s\n", enterCommand(sel.Container, sel.Default))
	return nil
}

// createRequest shows podman's download progress on a terminal only.
func createRequest(stdio *IO, authFile string) toolbx.CreateRequest {
	req := toolbx.CreateRequest{AuthFile: authFile}
	if stdio.OutTTY {
		req.Progress = stdio.Err
	}
	return req
}

// containerName picks the name from the argument or --container.
func (c *Create) containerName() (name, argName string, err error) {
	switch {
	case len(c.Name) > 1:
		return "", "", UsageErrorf("accepts at most 1 arg(s), received %d", len(c.Name))
	case len(c.Name) == 1 && c.ContainerFlag != "" && c.Name[0] != c.ContainerFlag:
		return "", "", UsageErrorf("the container name was given twice, as CONTAINER and as --container")
	case len(c.Name) == 1:
		return c.Name[0], "CONTAINER", nil
	}
	return c.ContainerFlag, "--container", nil
}
