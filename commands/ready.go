package commands

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/toolbx-go/toolbox/podman"
)

// errNoContainer is ensureReady's "no such container": each command words
// it its own way.
var errNoContainer = errors.New("no such container")

// ensureReady makes sure the Toolbx container name is running and
// initialised, with as few podman calls as possible: none when the
// container's entry point is known to be alive and done, `start` for a
// known container that was stopped, and `inspect` first for one this host
// has not seen yet. It returns the container's ID.
func ensureReady(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, name string) (string, error) {
	pid, id := cachedEntryPoint(h, name)
	if usePolling(h) {
		// Toolbx's polling mode, a testing aid, takes no shortcut.
		pid = 0
	}
	if pid > 0 && initAlive(h, pid, id) {
		return id, nil
	}
	if pid > 0 {
		// Known, but its entry point is gone: most likely stopped.
		id, err := restartKnown(ctx, pm, h, name)
		if errors.Is(err, podman.ErrNotFound) {
			return "", fmt.Errorf("%w: %s", errNoContainer, name)
		}
		return id, err
	}
	ctr, err := pm.InspectContainer(ctx, name)
	if errors.Is(err, podman.ErrNotFound) {
		return "", fmt.Errorf("%w: %s", errNoContainer, name)
	}
	if err != nil {
		slog.DebugContext(ctx, "Getting the container ready failed", "err", err)
		return "", podmanFailed("failed to inspect container "+name, err)
	}
	if ctr, err = startContainer(ctx, pm, stdio, h, ctr); err != nil {
		return "", err
	}
	rememberEntryPoint(h, name, ctr.Pid, ctr.ID)
	return ctr.ID, nil
}

// pidCacheDir keeps, per container name, the PID of its entry point the
// last time toolbox saw it initialised. It lives in the runtime directory,
// so it goes away at reboot.
func pidCacheDir(h *Host) string { return filepath.Join(h.path(h.RuntimeDir()), "go-entry-points") }

// pidCacheFile is name's entry. Names are unique per podman storage only,
// so what picks the storage (podman.StoreKey, as for list's image cache)
// is part of the key.
func pidCacheFile(h *Host, name string) string {
	sum := fnv.New32a()
	sum.Write([]byte(podman.StoreKey(h.Getenv)))
	return filepath.Join(pidCacheDir(h), fmt.Sprintf("%s@%08x", name, sum.Sum32()))
}

// cachedEntryPoint returns the PID of name's entry point and the ID of
// the container, as remembered; an entry without an ID (written by an
// older toolbox) is treated as stale.
func cachedEntryPoint(h *Host, name string) (pid int, id string) {
	data, err := os.ReadFile(pidCacheFile(h, name))
	if err != nil {
		return 0, ""
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return 0, ""
	}
	pid, _ = strconv.Atoi(f[0])
	if len(f) > 1 {
		id = f[1]
	}
	return pid, id
}

// rememberEntryPoint records pid as the entry point of container id, known
// to the user as name.
func rememberEntryPoint(h *Host, name string, pid int, id string) {
	dir := pidCacheDir(h)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return
	}
	// A failure only costs the shortcut next time.
	_ = writeAtomically(pidCacheFile(h, name), []byte(fmt.Sprintf("%d %s\n", pid, id)))
}

// forgetEntryPoint drops name's entry: a container of that name was made
// or removed.
func forgetEntryPoint(h *Host, name string) { _ = os.Remove(pidCacheFile(h, name)) }

// forgetIfStale drops name's entry when the name no longer belongs to the
// container remembered, as after a `podman rename` or `podman rm` behind
// toolbox's back: the entry point of the container it remembers may still
// be alive. It is called when podman exec failed, so the next call takes
// the long way and finds out what name is now.
func forgetIfStale(ctx context.Context, pm *podman.Client, h *Host, name string) {
	pid, id := cachedEntryPoint(h, name)
	if pid == 0 {
		return
	}
	ctr, err := pm.InspectContainer(ctx, name)
	if errors.Is(err, podman.ErrNotFound) || (err == nil && ctr.ID != id) {
		slog.DebugContext(ctx, "Forgetting the entry point of container "+name, "pid", pid, "id", id)
		forgetEntryPoint(h, name)
	}
}

// initAlive says whether pid is the running entry point of container id,
// and has left its readiness stamp: an init-container whose parent is the
// conmon of that container (conmon -c ID; the ID, unlike conmon's -n, stays
// right when the container is renamed). A stopped container's entry point
// is gone, and a recycled PID is another process or another container's.
func initAlive(h *Host, pid int, id string) bool {
	if id == "" {
		return false
	}
	if _, err := os.Stat(stampPath(h, pid)); err != nil {
		return false
	}
	return conmonArg(entryPointConmon(h, pid), "-c") == id
}

// waitStamp waits for the readiness stamp with inotify, or by polling each
// second when TOOLBX_RUN_USE_POLLING is set, and checks every second that
// the container is still alive.
func waitStamp(ctx context.Context, pm *podman.Client, h *Host, ctr podman.Container, since time.Time) error {
	stamp, name := stampPath(h, ctr.Pid), ctr.Name()
	var events <-chan struct{}
	if usePolling(h) {
		slog.DebugContext(ctx, "Setting up polling ticker for container "+name)
	} else {
		slog.DebugContext(ctx, "Setting up watches for file system events from container "+name)
		events = watchDir(filepath.Dir(stamp))
	}
	ready := func() bool { _, err := os.Stat(stamp); return err == nil }
	alive := func(cur podman.Container) bool { return cur.Running() && cur.Pid == ctr.Pid }
	return waitUntil(ctx, pm, h, name, since, events, ready, alive)
}

// waitUntil checks ready on every event and every second until it holds,
// failing when the context ends, when initTimeout passes or when the
// container, inspected each second, is no longer alive. In polling mode
// ready is checked on the ticks only, as Toolbx does.
func waitUntil(ctx context.Context, pm *podman.Client, h *Host, name string, since time.Time,
	events <-chan struct{}, ready func() bool, alive func(podman.Container) bool) error {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	timeout := time.NewTimer(initTimeout)
	defer timeout.Stop()
	polling := usePolling(h)
	for polling || !ready() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timeout.C:
			return initFailure(ctx, pm, name, since, fmt.Sprintf("failed to initialize container %s", name))
		case <-events:
		case <-tick.C:
			if polling {
				slog.DebugContext(ctx, "Handling polling tick")
				if ready() {
					return nil
				}
			}
			if cur, err := pm.InspectContainer(ctx, name); err != nil || !alive(cur) {
				return initFailure(ctx, pm, name, since, fmt.Sprintf("failed to initialize container %s", name))
			}
		}
	}
	return nil
}

func usePolling(h *Host) bool {
	v, err := strconv.ParseBool(h.Getenv("TOOLBX_RUN_USE_POLLING"))
	return err == nil && v
}
