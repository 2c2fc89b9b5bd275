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
	if h.CwdErr != nil {
		return h.CwdErr
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
	target := sel.Container
	id, err := ensureReady(ctx, pm, stdio, h, target)
	if errors.Is(err, errNoContainer) {
		defaultAsked := name == "" && c.Distro == "" && c.Release == ""
		if target, err = c.fallback(ctx, pm, stdio, h, g, sel, defaultAsked); target == "" || err != nil {
			return err
		}
		id, err = ensureReady(ctx, pm, stdio, h, target)
	}
	if err != nil {
		return err
	}
	return enterContainer(ctx, pm, stdio, h, target, id)
}

// fallback handles a missing container as Toolbx does: offer to create
// one when there are none, or enter the only one there is. It returns the
// container to enter, or "" when the user declined.
func (c *Enter) fallback(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, g *Globals, sel Selection, defaultAsked bool) (string, error) {
	ctrs, err := toolbxContainers(ctx, pm)
	if err != nil {
		return "", err
	}
	switch {
	case len(ctrs) == 0:
		if created, err := offerToCreate(ctx, pm, stdio, h, g, sel); !created || err != nil {
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

// enterContainer runs the user's login shell in a ready container, telling
// the terminal which container it is in.
func enterContainer(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, name, id string) error {
	return execInContainer(ctx, pm, stdio, h, execRequest{
		container: name, id: id, command: []string{h.Shell, "-l"}, fallbackToBash: true, escapes: stdio.OutTTY,
	})
}

// toolbxContainers lists the Toolbx containers only.
func toolbxContainers(ctx context.Context, pm *podman.Client) ([]podman.Container, error) {
	all, err := pm.ListContainers(ctx)
	if err != nil {
		slog.DebugContext(ctx, "Listing containers failed", "err", err)
		return nil, podmanFailed("failed to get containers", err)
	}
	var ctrs []podman.Container
	for _, c := range all {
		if podman.IsToolbx(c.Labels) {
			ctrs = append(ctrs, c)
		}
	}
	return ctrs, nil
}
