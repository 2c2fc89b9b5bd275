package commands

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/toolbx-go/toolbox/podman"
)

// Enter is `toolbox enter`.
type Enter struct {
	Name          []string `arg:"" optional:"" name:"container" help:"Name of the Toolbx container to enter."`
	ContainerFlag string   `name:"container" short:"c" hidden:"" help:"Enter a Toolbx container with the given name."`
	Distro        string   `short:"d" placeholder:"DISTRO" help:"Enter a Toolbx container for a different operating system distribution than the host."`
	Release       string   `short:"r" placeholder:"RELEASE" help:"Enter a Toolbx container for a different operating system release than the host."`
}

// Run implements the command.
func (c *Enter) Run(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, g *Globals) error {
	name, argName := c.ContainerFlag, "--container"
	if len(c.Name) > 0 {
		name, argName = c.Name[0], "CONTAINER"
	}
	if name != "" {
		if err := validateContainerName(name, argName); err != nil {
			return err
		}
	}
	if err := checkHostLink(h); err != nil {
		return err
	}
	cfg, err := LoadConfig(h)
	if err != nil {
		return err
	}
	sel, err := resolve(h, cfg, name, c.Distro, c.Release, "")
	if err != nil {
		return err
	}
	ctr, err := pm.InspectContainer(ctx, sel.Container)
	if errors.Is(err, podman.ErrNotFound) {
		defaultAsked := name == "" && c.Distro == "" && c.Release == ""
		ctr, err = c.fallback(ctx, pm, stdio, h, g, sel, defaultAsked)
	}
	if err != nil || ctr.ID == "" {
		return err
	}
	return enterContainer(ctx, pm, stdio, h, ctr)
}

// fallback handles a missing container as Toolbx does: offer to create
// one when there are none, or enter the only one there is.
func (c *Enter) fallback(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, g *Globals, sel Selection, defaultAsked bool) (podman.Container, error) {
	ctrs, err := toolbxContainers(ctx, pm)
	if err != nil {
		return podman.Container{}, err
	}
	switch {
	case len(ctrs) == 0:
		if !g.AssumeYes && !askUntilAnswered(stdio, "No Toolbx containers found. Create now? [y/N] ") {
			fmt.Fprintln(stdio.Out, "A container can be created later with the 'create' command.")
			fmt.Fprintln(stdio.Out, usageHint)
			return podman.Container{}, nil
		}
		if err := createContainer(ctx, pm, stdio, h, g, sel, "", true); err != nil {
			return podman.Container{}, err
		}
		return inspectOrFail(ctx, pm, sel.Container)
	case len(ctrs) == 1 && defaultAsked:
		other := ctrs[0].Name()
		fmt.Fprintf(stdio.Err, "Error: container %s not found\nEntering container %s instead.\n"+
			"Use the 'create' command to create a different Toolbx.\n%s\n", sel.Container, other, usageHint)
		return inspectOrFail(ctx, pm, other)
	}
	return podman.Container{}, UsageErrorf("container %s not found\nUse the '--container' option to select a Toolbx.", sel.Container)
}

func inspectOrFail(ctx context.Context, pm *podman.Client, name string) (podman.Container, error) {
	ctr, err := pm.InspectContainer(ctx, name)
	if err != nil {
		slog.DebugContext(ctx, "Inspecting the container failed", "err", err)
		return ctr, fmt.Errorf("failed to inspect container %s", name)
	}
	return ctr, nil
}

// enterContainer starts ctr and runs the user's login shell in it, telling
// the terminal (VTE, Ptyxis) which container it is in.
func enterContainer(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, ctr podman.Container) error {
	ctr, err := startContainer(ctx, pm, h, ctr)
	if err != nil {
		return err
	}
	if stdio.OutTTY {
		fmt.Fprintf(stdio.Out, "\033]777;container;push;%s;toolbox;%d\033\\", ctr.Name(), h.UID)
		defer fmt.Fprintf(stdio.Out, "\033]777;container;pop;;;%d\033\\", h.UID)
	}
	return execInContainer(ctx, pm, stdio, h, execRequest{
		container: ctr.Name(), command: []string{h.Shell, "-l"}, fallbackToBash: true,
	})
}

// toolbxContainers lists the Toolbx containers only.
func toolbxContainers(ctx context.Context, pm *podman.Client) ([]podman.Container, error) {
	all, err := pm.ListContainers(ctx)
	if err != nil {
		slog.DebugContext(ctx, "Listing containers failed", "err", err)
		return nil, errors.New("failed to get containers")
	}
	var ctrs []podman.Container
	for _, c := range all {
		if podman.IsToolbx(c.Labels) {
			ctrs = append(ctrs, c)
		}
	}
	return ctrs, nil
}
