package toolbx

import (
	"context"
	"log/slog"

	"github.com/toolbx-go/toolbox/podman"
)

// StopContainer stops one Toolbx container; check refuses other containers
// first (stop --all lists Toolbx ones only). A container that is not
// running stays as it is. The entry point ends at once on podman's
// SIGTERM, so podman does not wait for its timeout. A container of that
// name with Toolbx's label costs one podman call: a stop that matches
// only it; anything else (a container named by its ID, one with the
// label of before the rename, none at all) is inspected to say why.
func (e *Engine) StopContainer(ctx context.Context, name string, check bool) error {
	if check {
		stopped, err := e.Podman.StopLabelled(ctx, name, podman.LabelToolbx)
		switch {
		case err == nil && stopped:
			return nil
		case err != nil && ctx.Err() != nil:
			return &Interrupted{Op: StopContainer, Object: name}
		case err != nil:
			slog.DebugContext(ctx, "Stopping the container by its label failed", "container", name, "err", err)
		}
		if _, err := e.checkToolbx(ctx, name); err != nil {
			return err
		}
	}
	err := e.Podman.StopContainer(ctx, name)
	switch {
	case isNotFound(err):
		return &NotFound{Container: name}
	case err != nil && ctx.Err() != nil:
		return &Interrupted{Op: StopContainer, Object: name}
	case err != nil:
		slog.DebugContext(ctx, "Stopping the container failed", "container", name, "err", err)
		return failed(StopContainer, name, err)
	}
	return nil
}

// checkToolbx refuses a container that is not a Toolbx container, as rm
// and stop do before they touch it.
func (e *Engine) checkToolbx(ctx context.Context, name string) (podman.Container, error) {
	ctr, err := e.Podman.InspectContainer(ctx, name)
	if err != nil {
		slog.DebugContext(ctx, "Inspecting the container failed", "container", name, "err", err)
		return ctr, failed(InspectContainer, name, err)
	}
	if !podman.IsToolbx(ctr.Labels) {
		return ctr, &NotToolbx{Name: name}
	}
	return ctr, nil
}

// RunningContainers lists the Toolbx containers that run, for stop --all.
func (e *Engine) RunningContainers(ctx context.Context) ([]string, error) {
	ctrs, err := e.Containers(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, c := range ctrs {
		if c.Running() {
			names = append(names, c.Name())
		}
	}
	return names, nil
}
