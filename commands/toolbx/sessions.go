package toolbx

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/toolbx-go/toolbox/commands/host"
)

// The sessions' half of the automatic stop (see host/sessions.go). A
// container that did not choose it has no sessions file, so its sessions
// cost one failed open(2) more, and no podman call.

// sessionWait is how long a session waits for its shared lock; the entry
// point holds the lock exclusively only for an instant, or while it ends.
const sessionWait = 10 * time.Second

// HoldSession keeps container name, which Ready made ready with ID id,
// from stopping by itself while the session lasts: for a container that
// chose the automatic stop, it takes a shared lock on its sessions file
// until release is called. When the container was stopping meanwhile, it
// waits for it to stop and starts it again, and returns its new ID.
func (e *Engine) HoldSession(ctx context.Context, name, id string) (string, func(), error) {
	for range 3 {
		pid, _ := e.state().EntryPoint(name)
		f, stopping := e.joinSessions(pid, id)
		if f != nil {
			return id, func() { f.Close() }, nil
		}
		if !stopping {
			return id, func() {}, nil
		}
		slog.DebugContext(ctx, "Container "+name+" is stopping; starting it again")
		if err := waitGone(ctx, e.Host.Path("/proc"), pid); err != nil {
			return "", nil, err
		}
		var err error
		if id, err = e.Ready(ctx, name); err != nil {
			return "", nil, err
		}
	}
	// Stopped under three sessions in a row: run without the lock, as for
	// a container that never stops by itself.
	return id, func() {}, nil
}

// joinSessions takes a shared lock on the sessions file of entry point pid
// of container id and returns it. It returns nil when the container has
// no such file (it never stops by itself), and nil and true when its
// entry point is stopping it.
func (e *Engine) joinSessions(pid int, id string) (f *os.File, stopping bool) {
	if pid <= 0 {
		return nil, false
	}
	path := filepath.Join(e.Host.Path(e.Host.RuntimeDir()), host.SessionsFile(pid))
	f, err := os.Open(path)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			slog.Debug("Opening the sessions file failed", "err", err)
		}
		return nil, false
	}
	if !host.LockShared(f, sessionWait) {
		slog.Debug("The sessions file stays locked: going on without it", "file", path)
		f.Close()
		return nil, false
	}
	data, err := os.ReadFile(path)
	owner, stopping := host.ParseSessions(data)
	switch {
	case err != nil || owner != id:
		// Left by an entry point of another container with this PID.
		f.Close()
		return nil, false
	case stopping:
		f.Close()
		return nil, true
	}
	return f, false
}

// waitGone waits until process pid has ended.
func waitGone(ctx context.Context, proc string, pid int) error {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		if _, err := os.Stat(filepath.Join(proc, strconv.Itoa(pid))); err != nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}
