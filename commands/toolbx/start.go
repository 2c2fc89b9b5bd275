package toolbx

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/toolbx-go/toolbox/podman"
)

// startOrMigrate runs `podman start name`. Containers made for an OCI
// runtime that no longer fits the host's cgroups (runc on a host moved to
// cgroups v2) fail with podman's advice to run `system migrate`; then, as
// Toolbx does, they are migrated to the runtime that fits, and started
// once more. Other failures are Failed{StartContainer}, which still
// unwraps to podman's error (ErrNotFound for a container removed
// meanwhile).
func (e *Engine) startOrMigrate(ctx context.Context, name string) error {
	err := e.Podman.StartContainer(ctx, name)
	var pe *podman.Error
	switch {
	case err == nil:
		return nil
	case !errors.As(err, &pe) || !strings.Contains(pe.Stderr, "use system migrate to mitigate"):
		slog.DebugContext(ctx, "Starting the container failed", "err", err)
		return failed(StartContainer, name, err)
	}
	version := e.Host.CgroupsVersion()
	ociRuntime := "runc"
	if version == 2 {
		ociRuntime = "crun"
	}
	slog.DebugContext(ctx, "Migrating containers to OCI runtime "+ociRuntime)
	if err := e.Podman.SystemMigrate(ctx, ociRuntime); err != nil {
		slog.DebugContext(ctx, "Migrating failed", "err", err)
		return &MigrateFailed{Runtime: ociRuntime, Err: err}
	}
	if err := e.Podman.StartContainer(ctx, name); err != nil {
		slog.DebugContext(ctx, "Starting the container failed", "err", err)
		return &CgroupsUnsupported{Container: name, Version: version}
	}
	return nil
}
