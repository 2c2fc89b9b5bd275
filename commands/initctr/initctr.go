// Package initctr is what `toolbox init-container`, the entry point of
// every Toolbx container, does inside it: the markers, the host's
// configuration as links, bind mounts from /run/host, the user, the
// readiness stamp, and the watches that keep it all current until the
// container stops. It never runs podman.
package initctr

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/toolbx-go/toolbox/commands/host"
)

// Options are init-container's flags.
type Options struct {
	GID, UID                     int
	Home, Shell, User            string
	HomeLink, MediaLink, MntLink bool
}

// setUp sets the container up, leaves the readiness stamp, then stays
// running until ctx ends (podman stop sends SIGTERM).
func setUp(ctx context.Context, h *host.Host, o Options) error {
	if !h.InsideContainer() {
		return ErrOutside
	}
	if o.GID < 0 {
		o.GID = o.UID
	}
	runtimeDir := h.Getenv("XDG_RUNTIME_DIR")
	if runtimeDir == "" {
		runtimeDir = fmt.Sprintf("/run/user/%d", o.UID)
	}
	slog.Debug("Creating /run/.toolboxenv and /run/.toolbxenv")
	for _, marker := range []string{"/run/.toolboxenv", "/run/.toolbxenv"} {
		if err := os.WriteFile(h.Path(marker), nil, 0o644); err != nil {
			return &Error{Step: CreateMarker, Path: marker, Err: err}
		}
	}
	if err := testHooks(h); err != nil {
		return err
	}
	steps := []func(context.Context, *host.Host, Options) error{
		configureHostLinks, configureHosts, configurePathLinks, configureBindMounts,
		hideSELinux, configureUser, applyCDI, configureKerberos, configurePKCS11, configureRPM,
	}
	for _, step := range steps {
		if err := step(ctx, h, o); err != nil {
			return err
		}
	}
	sessions := openSessions(h, o, stampDir(o, runtimeDir))
	if err := writeStamp(h, o, runtimeDir); err != nil {
		return err
	}
	return watch(ctx, h, sessions.idle(ctx))
}

// testHooks honours TOOLBX_DELAY_ENTRY_POINT and TOOLBX_FAIL_ENTRY_POINT,
// which Toolbx's tests set.
func testHooks(h *host.Host) error {
	if v := h.Getenv("TOOLBX_DELAY_ENTRY_POINT"); v != "" {
		if secs, err := strconv.Atoi(v); err == nil && secs > 0 {
			slog.Debug("Delaying the entry point", "seconds", secs)
			time.Sleep(time.Duration(secs) * time.Second)
		}
	}
	if n, err := strconv.Atoi(h.Getenv("TOOLBX_FAIL_ENTRY_POINT")); err == nil && n > 0 {
		return &FailRequested{Level: n}
	}
	return nil
}

// writeStamp tells enter and run that the container is ready:
// RUNTIME/toolbox/container-initialized-PID, owned by the user.
func writeStamp(h *host.Host, o Options, runtimeDir string) error {
	dir := stampDir(o, runtimeDir)
	if err := os.MkdirAll(h.Path(dir), 0o700); err != nil {
		return &Error{Step: CreateRuntimeDir, Path: dir, Err: err}
	}
	if err := os.Chown(h.Path(dir), o.UID, o.GID); err != nil {
		return &Error{Step: ChownRuntimeDir, Path: dir, Err: err}
	}
	stamp := filepath.Join(dir, fmt.Sprintf("container-initialized-%d", os.Getpid()))
	slog.Debug("Creating initialization stamp " + stamp)
	if err := os.WriteFile(h.Path(stamp), nil, 0o644); err != nil {
		return &Error{Step: CreateStamp, Path: stamp, Err: err}
	}
	if err := os.Chown(h.Path(stamp), o.UID, o.GID); err != nil {
		return &Error{Step: ChownStamp, Path: stamp, Err: err}
	}
	return nil
}

// stampDir is the runtime directory, where the stamp goes.
func stampDir(o Options, runtimeDir string) string {
	if o.UID == 0 {
		return "/run/toolbox"
	}
	return filepath.Join(runtimeDir, "toolbox")
}

// watch keeps the container running: it rewrites /etc/timezone and
// /etc/hosts when the host's /etc changes and runs updatedb daily, until
// ctx ends or, for a container that stops by itself, idle is closed.
func watch(ctx context.Context, h *host.Host, idle <-chan struct{}) error {
	events := host.WatchDir(h.Path("/run/host/etc"))
	ticker := time.NewTicker(24 * time.Hour)
	defer ticker.Stop()
	updatedb(ctx, h)
	slog.Debug("Listening to file system and ticker events")
	for {
		select {
		case <-ctx.Done():
			slog.Debug("Stopping")
			return nil
		case <-idle:
			return nil
		case <-ticker.C:
			updatedb(ctx, h)
		case <-events:
			if err := writeTimezone(h); err != nil {
				slog.Warn("Failed to update /etc/timezone", "err", err)
			}
			if err := writeHosts(h); err != nil {
				slog.Warn("Failed to update /etc/hosts", "err", err)
			}
		}
	}
}

// updatedb refreshes the locate database when the image has one.
func updatedb(ctx context.Context, h *host.Host) {
	if !h.HasTool("updatedb") {
		return
	}
	if _, err := host.Output(ctx, "updatedb"); err != nil {
		slog.Warn("Failed to run updatedb", "err", err)
	}
}
