package commands

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/toolbx-go/toolbox/podman"
)

// initTimeout is how long enter and run wait for init-container.
const initTimeout = 25 * time.Second

// startContainer makes sure ctr is a Toolbx container that is running and
// initialised, and returns its current state.
func startContainer(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, ctr podman.Container) (podman.Container, error) {
	name := ctr.Name()
	if len(ctr.Cmd) == 0 || ctr.Cmd[0] != "toolbox" {
		return ctr, fmt.Errorf("container %s is too old and no longer supported\n"+
			"Recreate it with Toolbx version 0.0.97 or newer.", name)
	}
	for _, m := range ctr.Mounts {
		if m.Destination == "/run/host/monitor" {
			// Toolbx before 0.0.97 kept copies of the host's
			// configuration there; init-container now links to
			// /run/host/etc instead.
			fmt.Fprintf(stdio.Err, "Warning: container %s uses deprecated features\n"+
				"Consider recreating it with Toolbx version 0.0.97 or newer.\n", name)
			break
		}
	}
	since := time.Now().Add(-time.Minute)
	if !ctr.Running() {
		since = time.Now()
		slog.DebugContext(ctx, "Starting container "+name)
		if err := startContainerOrMigrate(ctx, pm, h, name); err != nil {
			return ctr, err
		}
		var err error
		if ctr, err = pm.InspectContainer(ctx, name); err != nil {
			return ctr, podmanFailed("failed to inspect container "+name, err)
		}
	}
	if ctr.Pid <= 0 {
		return ctr, initFailure(ctx, pm, name, since, fmt.Sprintf("invalid entry point PID of container %s", name))
	}
	return ctr, waitInitialized(ctx, pm, h, ctr, since)
}

// stampPath is init-container's readiness stamp for the entry point pid.
func stampPath(h *Host, pid int) string {
	return filepath.Join(h.path(h.RuntimeDir()), fmt.Sprintf("container-initialized-%d", pid))
}

// waitInitialized waits for init-container to finish, relaying its log
// at debug level afterwards.
func waitInitialized(ctx context.Context, pm *podman.Client, h *Host, ctr podman.Container, since time.Time) error {
	if _, err := os.Stat(stampPath(h, ctr.Pid)); err == nil && !usePolling(h) {
		return nil
	}
	slog.DebugContext(ctx, "Waiting for container "+ctr.Name()+" to finish initializing")
	if err := waitStamp(ctx, pm, h, ctr, since); err != nil {
		return err
	}
	relogInit(ctx, pm, ctr.Name(), since)
	return nil
}

// containerLog returns the entry point's log since a time: logfmt lines
// are logged locally as "> msg", and other lines (its "Error: ..." output)
// are returned.
func containerLog(ctx context.Context, pm *podman.Client, name string, since time.Time) []string {
	var out bytes.Buffer
	if err := pm.Logs(ctx, name, since, &out); err != nil {
		slog.DebugContext(ctx, "Reading the container's log failed", "err", err)
	}
	var plain []string
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !relog(ctx, line) {
			plain = append(plain, strings.TrimPrefix(line, "Error: "))
		}
	}
	return plain
}

// relogInit shows init-container's log at debug level, only when asked.
func relogInit(ctx context.Context, pm *podman.Client, name string, since time.Time) {
	if slog.Default().Enabled(ctx, slog.LevelDebug) {
		containerLog(ctx, pm, name, since)
	}
}

// initFailure builds the error for a container that did not initialise,
// from the entry point's own error lines when it printed any.
func initFailure(ctx context.Context, pm *podman.Client, name string, since time.Time, fallback string) error {
	if lines := containerLog(ctx, pm, name, since); len(lines) > 0 {
		return errors.New(strings.Join(lines, "\n"))
	}
	return errors.New(fallback)
}
