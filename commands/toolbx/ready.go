package toolbx

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/podman"
)

// Readiness: a Toolbx container is ready when it runs and its entry point,
// init-container, has left the stamp $RUNTIME/container-initialized-PID.
// Toolbox remembers each container's entry point (State) and checks it in
// /proc, so a ready container costs no podman call at all; a stopped one
// it knows costs a start, and one it has not seen an inspect first.

// initTimeout is how long enter and run wait for init-container.
const initTimeout = 25 * time.Second

// Ready makes sure the Toolbx container name is running and initialised,
// and returns its ID.
func (e *Engine) Ready(ctx context.Context, name string) (string, error) {
	st := e.state()
	pid, id := st.EntryPoint(name)
	if e.usePolling() {
		// Toolbx's polling mode, a testing aid, takes no shortcut.
		pid = 0
	}
	if pid > 0 && e.isAlive(pid, id) {
		return id, nil
	}
	if pid > 0 {
		// Known, but its entry point is gone: most likely stopped.
		id, err := e.restartKnown(ctx, name)
		if errors.Is(err, podman.ErrNotFound) {
			return "", &NotFound{Container: name}
		}
		return id, err
	}
	ctr, err := e.Podman.InspectContainer(ctx, name)
	if errors.Is(err, podman.ErrNotFound) {
		return "", &NotFound{Container: name}
	}
	if err != nil {
		slog.DebugContext(ctx, "Getting the container ready failed", "err", err)
		return "", failed(InspectContainer, name, err)
	}
	if ctr, err = e.start(ctx, ctr); err != nil {
		return "", err
	}
	st.RememberEntryPoint(name, ctr.Pid, ctr.ID)
	return ctr.ID, nil
}

// start makes sure ctr is a Toolbx container that is running and
// initialised, and returns its current state.
func (e *Engine) start(ctx context.Context, ctr podman.Container) (podman.Container, error) {
	name := ctr.Name()
	if len(ctr.Cmd) == 0 || ctr.Cmd[0] != "toolbox" {
		return ctr, &TooOld{Container: name}
	}
	for _, m := range ctr.Mounts {
		if m.Destination == "/run/host/monitor" {
			// Toolbx before 0.0.97 kept copies of the host's
			// configuration there; init-container now links to
			// /run/host/etc instead.
			e.UI.Notify(DeprecatedFeatures{Container: name})
			e.requestFlatpakSession(ctx)
			break
		}
	}
	since := time.Now().Add(-time.Minute)
	if !ctr.Running() {
		since = time.Now()
		slog.DebugContext(ctx, "Starting container "+name)
		if err := e.saveCDI(ctx); err != nil {
			return ctr, err
		}
		if err := e.startOrMigrate(ctx, name); err != nil {
			return ctr, err
		}
		var err error
		if ctr, err = e.Podman.InspectContainer(ctx, name); err != nil {
			return ctr, failed(InspectContainer, name, err)
		}
	}
	if ctr.Pid <= 0 {
		return ctr, e.initFailure(ctx, name, since, EntryPointPID)
	}
	if _, err := os.Stat(e.stampPath(ctr.Pid)); err == nil && !e.usePolling() {
		return ctr, nil
	}
	slog.DebugContext(ctx, "Waiting for container "+name+" to finish initializing")
	stamp := e.stampPath(ctr.Pid)
	ready := func() bool { _, err := os.Stat(stamp); return err == nil }
	alive := func(cur podman.Container) bool { return cur.Running() && cur.Pid == ctr.Pid }
	if err := e.waitUntil(ctx, name, since, e.watchStamps(name), ready, alive); err != nil {
		return ctr, err
	}
	e.relogInit(ctx, name, since)
	return ctr, nil
}

// restartKnown starts a container that toolbox saw initialised before and
// waits for its new entry point's stamp without asking podman for the
// entry point's PID: it is the process, with a stamp, whose parent is the
// conmon that runs the container name. That saves an inspect.
func (e *Engine) restartKnown(ctx context.Context, name string) (string, error) {
	since := time.Now()
	events := e.watchStamps(name) // before start, so no stamp goes unnoticed
	if err := e.saveCDI(ctx); err != nil {
		return "", err
	}
	if err := e.startOrMigrate(ctx, name); err != nil {
		return "", err
	}
	pid, id := 0, ""
	ready := func() bool { pid, id = e.entryPointStamp(name); return pid > 0 }
	running := func(cur podman.Container) bool { return cur.Running() }
	if err := e.waitUntil(ctx, name, since, events, ready, running); err != nil {
		return "", err
	}
	e.state().RememberEntryPoint(name, pid, id)
	e.relogInit(ctx, name, since)
	return id, nil
}

// stampPath is init-container's readiness stamp for the entry point pid.
func (e *Engine) stampPath(pid int) string {
	return filepath.Join(e.Host.Path(e.Host.RuntimeDir()), fmt.Sprintf("container-initialized-%d", pid))
}

// watchStamps watches the runtime directory for stamps, unless polling.
func (e *Engine) watchStamps(name string) <-chan struct{} {
	if e.usePolling() {
		slog.Debug("Setting up polling ticker for container " + name)
		return nil
	}
	slog.Debug("Setting up watches for file system events from container " + name)
	return host.WatchDir(e.Host.Path(e.Host.RuntimeDir()))
}

// isAlive says whether pid is the running entry point of container id,
// and has left its readiness stamp: an init-container whose parent is the
// conmon of that container (conmon -c ID; the ID, unlike conmon's -n,
// stays right when the container is renamed). A stopped container's
// entry point is gone, and a recycled PID is another process or another
// container's.
func (e *Engine) isAlive(pid int, id string) bool {
	if id == "" {
		return false
	}
	if _, err := os.Stat(e.stampPath(pid)); err != nil {
		return false
	}
	return conmonArg(e.entryPointConmon(pid), "-c") == id
}

// entryPointStamp returns the PID of name's entry point, and the ID of the
// container, once the entry point has left its stamp; 0 before.
func (e *Engine) entryPointStamp(name string) (int, string) {
	entries, err := os.ReadDir(e.Host.Path(e.Host.RuntimeDir()))
	if err != nil {
		return 0, ""
	}
	for _, ent := range entries {
		rest, ok := strings.CutPrefix(ent.Name(), "container-initialized-")
		pid, err := strconv.Atoi(rest)
		if !ok || err != nil {
			continue
		}
		if conmon := e.entryPointConmon(pid); conmonArg(conmon, "-n") == name {
			return pid, conmonArg(conmon, "-c")
		}
	}
	return 0, ""
}

// waitUntil checks ready on every event and every second until it holds,
// failing when the context ends, when initTimeout passes or when the
// container, inspected each second, is no longer alive. In polling mode
// ready is checked on the ticks only, as Toolbx does.
func (e *Engine) waitUntil(ctx context.Context, name string, since time.Time,
	events <-chan struct{}, ready func() bool, alive func(podman.Container) bool) error {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	timeout := time.NewTimer(initTimeout)
	defer timeout.Stop()
	polling := e.usePolling()
	for polling || !ready() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timeout.C:
			return e.initFailure(ctx, name, since, InitializeContainer)
		case <-events:
		case <-tick.C:
			if polling {
				slog.DebugContext(ctx, "Handling polling tick")
				if ready() {
					return nil
				}
			}
			if cur, err := e.Podman.InspectContainer(ctx, name); err != nil || !alive(cur) {
				return e.initFailure(ctx, name, since, InitializeContainer)
			}
		}
	}
	return nil
}

func (e *Engine) usePolling() bool {
	v, err := strconv.ParseBool(e.Host.Getenv("TOOLBX_RUN_USE_POLLING"))
	return err == nil && v
}
