package commands

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/toolbx-go/toolbox/podman"
)

// startContainerOrMigrate runs `podman start name`. Containers made for an
// OCI runtime that no longer fits the host's cgroups (runc on a host moved
// to cgroups v2) fail with podman's advice to run `system migrate`; then,
// as Toolbx does, they are migrated to the runtime that fits, and started
// once more. podman's other failures read as Toolbx's "failed to start
// container NAME", which still unwraps to podman's error (ErrNotFound for
// a container removed meanwhile).
func startContainerOrMigrate(ctx context.Context, pm *podman.Client, h *Host, name string) error {
	err := pm.StartContainer(ctx, name)
	var pe *podman.Error
	switch {
	case err == nil || !errors.As(err, &pe):
		return err
	case !strings.Contains(pe.Stderr, "use system migrate to mitigate"):
		slog.DebugContext(ctx, "Starting the container failed", "err", err)
		return &startError{name: name, err: err}
	}
	version := h.CgroupsVersion()
	ociRuntime := "runc"
	if version == 2 {
		ociRuntime = "crun"
	}
	slog.DebugContext(ctx, "Migrating containers to OCI runtime "+ociRuntime)
	if err := pm.SystemMigrate(ctx, ociRuntime); err != nil {
		slog.DebugContext(ctx, "Migrating failed", "err", err)
		return fmt.Errorf("failed to migrate containers to OCI runtime %s\n"+
			"Factory reset with: podman system reset", ociRuntime)
	}
	if err := pm.StartContainer(ctx, name); err != nil {
		slog.DebugContext(ctx, "Starting the container failed", "err", err)
		return fmt.Errorf("container %s doesn't support cgroups v%d\n"+
			"Factory reset with: podman system reset", name, version)
	}
	return nil
}

// startError is Toolbx's message for a `podman start` that failed.
type startError struct {
	name string
	err  error
}

func (e *startError) Error() string {
	return podmanFailed("failed to start container "+e.name, e.err).Error()
}
func (e *startError) Unwrap() error { return e.err }

// CgroupsVersion is 2 when /sys/fs/cgroup is the unified cgroup2 hierarchy,
// and 1 otherwise.
func (h *Host) CgroupsVersion() int {
	var fs unix.Statfs_t
	if err := unix.Statfs(h.path("/sys/fs/cgroup"), &fs); err == nil && fs.Type == unix.CGROUP2_SUPER_MAGIC {
		return 2
	}
	return 1
}
