package commands

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/alecthomas/kong"
)

// InitContainer is `toolbox init-container`, the entry point of every
// Toolbx container. It runs as root inside the container.
type InitContainer struct {
	GID         int    `name:"gid" default:"-1" help:"Create a user inside the Toolbx container whose numerical group ID is GID."`
	Home        string `name:"home" required:"" help:"Create a user inside the Toolbx container whose login directory is HOME."`
	HomeLink    bool   `name:"home-link" help:"Make /home a symbolic link to /var/home."`
	MediaLink   bool   `name:"media-link" help:"Make /media a symbolic link to /run/media."`
	MntLink     bool   `name:"mnt-link" help:"Make /mnt a symbolic link to /var/mnt."`
	MonitorHost bool   `name:"monitor-host" default:"true" hidden:"" help:"Deprecated, does nothing."`
	Shell       string `name:"shell" required:"" help:"Create a user inside the Toolbx container whose login shell is SHELL."`
	UID         int    `name:"uid" required:"" help:"Create a user inside the Toolbx container whose numerical user ID is UID."`
	User        string `name:"user" required:"" help:"Create a user inside the Toolbx container whose login name is LOGIN."`
}

// Run implements the command: set the container up, leave the readiness
// stamp, then stay running until stopped.
func (c *InitContainer) Run(ctx context.Context, kctx *kong.Context, stdio *IO, h *Host) error {
	if flagGiven(kctx, "monitor-host") {
		// Containers made by Toolbx before 0.0.97 pass it; pflag's words.
		fmt.Fprintln(stdio.Err, "Flag --monitor-host has been deprecated, it does nothing")
	}
	if !h.InsideContainer() {
		return errors.New("the 'init-container' command can only be used inside containers\n" + usageHint)
	}
	if c.GID < 0 {
		c.GID = c.UID
	}
	runtimeDir := h.Getenv("XDG_RUNTIME_DIR")
	if runtimeDir == "" {
		runtimeDir = fmt.Sprintf("/run/user/%d", c.UID)
	}
	slog.Debug("Creating /run/.toolboxenv and /run/.toolbxenv")
	for _, marker := range []string{"/run/.toolboxenv", "/run/.toolbxenv"} {
		if err := os.WriteFile(h.path(marker), nil, 0o644); err != nil {
			return fmt.Errorf("failed to create %s: %w", marker, err)
		}
	}
	if err := testHooks(h); err != nil {
		return err
	}
	steps := []func(context.Context, *Host) error{
		c.configureHostLinks, c.configurePathLinks, configureBindMounts,
		hideSELinux, c.configureUser, configureRPM, configureKerberos,
	}
	for _, step := range steps {
		if err := step(ctx, h); err != nil {
			return err
		}
	}
	if err := c.writeStamp(h, runtimeDir); err != nil {
		return err
	}
	return watch(ctx, h)
}

// testHooks honours TOOLBX_DELAY_ENTRY_POINT and TOOLBX_FAIL_ENTRY_POINT,
// which Toolbx's tests set.
func testHooks(h *Host) error {
	if v := h.Getenv("TOOLBX_DELAY_ENTRY_POINT"); v != "" {
		if secs, err := strconv.Atoi(v); err == nil && secs > 0 {
			slog.Debug("Delaying the entry point", "seconds", secs)
			time.Sleep(time.Duration(secs) * time.Second)
		}
	}
	v := h.Getenv("TOOLBX_FAIL_ENTRY_POINT")
	n, err := strconv.Atoi(v)
	switch {
	case v == "" || err != nil || n <= 0:
		return nil
	case n == 1:
		return errors.New("TOOLBX_FAIL_ENTRY_POINT is set")
	}
	return errors.New("TOOLBX_FAIL_ENTRY_POINT is set\nThis environment variable should only be set when testing.")
}

// writeStamp tells enter and run that the container is ready:
// RUNTIME/toolbox/container-initialized-PID, owned by the user.
func (c *InitContainer) writeStamp(h *Host, runtimeDir string) error {
	dir := filepath.Join(runtimeDir, "toolbox")
	if c.UID == 0 {
		dir = "/run/toolbox"
	}
	if err := os.MkdirAll(h.path(dir), 0o700); err != nil {
		return fmt.Errorf("failed to create runtime directory %s: %w", dir, err)
	}
	if err := os.Chown(h.path(dir), c.UID, c.GID); err != nil {
		return fmt.Errorf("failed to change ownership of runtime directory %s: %w", dir, err)
	}
	stamp := filepath.Join(dir, fmt.Sprintf("container-initialized-%d", os.Getpid()))
	slog.Debug("Creating initialization stamp " + stamp)
	if err := os.WriteFile(h.path(stamp), nil, 0o644); err != nil {
		return fmt.Errorf("failed to create initialization stamp %s: %w", stamp, err)
	}
	if err := os.Chown(h.path(stamp), c.UID, c.GID); err != nil {
		return fmt.Errorf("failed to change ownership of initialization stamp %s: %w", stamp, err)
	}
	return nil
}

// runTool runs a program of the container's, logging its output on error.
func runTool(ctx context.Context, name string, args ...string) error {
	slog.Debug("Running "+name, "args", strings.Join(args, " "))
	out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(string(out)))
	}
	return nil
}
