package initctr

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/toolbx-go/toolbox/commands/host"
)

// The entry point's half of the automatic stop (see host/sessions.go): a
// container made with `create --auto-stop` has TOOLBX_AUTO_STOP=GRACE, in
// seconds, in its environment (upstream's init-container takes no flag
// for it, and ignores the variable). Other containers never stop by
// themselves.

// foreignBackoff is how long the entry point waits before it looks
// again, after it found a session that holds no lock (one of upstream's
// Toolbx, or a plain podman exec).
const foreignBackoff = 5 * time.Second

// sessions is the entry point's sessions file.
type sessions struct {
	h     *host.Host
	f     *os.File
	id    string
	grace time.Duration
}

// openSessions makes the sessions file of a container that asked for the
// automatic stop, before the readiness stamp, so that every session finds
// it. It is nil for other containers, and when the file cannot be made:
// the container then keeps running, as other containers do.
func openSessions(h *host.Host, o Options, dir string) *sessions {
	secs, err := strconv.Atoi(h.Getenv(host.AutoStopEnv))
	if err != nil || secs <= 0 {
		return nil
	}
	id := containerID(h)
	if id == "" {
		slog.Warn("Not stopping automatically: the container's ID is not known")
		return nil
	}
	path := filepath.Join(dir, host.SessionsFile(os.Getpid()))
	if err := os.MkdirAll(h.Path(dir), 0o700); err != nil {
		slog.Warn("Not stopping automatically", "err", err)
		return nil
	}
	f, err := os.OpenFile(h.Path(path), os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err == nil {
		if _, err = f.Write(host.SessionsContent(id, false)); err == nil {
			err = f.Chown(o.UID, o.GID)
		}
	}
	if err != nil {
		slog.Warn("Not stopping automatically", "err", err)
		return nil
	}
	slog.Debug("Stopping automatically once no session is left", "file", path, "grace", secs)
	return &sessions{h: h, f: f, id: id, grace: time.Duration(secs) * time.Second}
}

// containerID is the ID of the container the entry point runs in: from
// /run/.containerenv (podman writes it for privileged containers), else
// from the command line of the conmon that runs the entry point.
func containerID(h *host.Host) string {
	data, _ := os.ReadFile(h.Path("/run/.containerenv"))
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "id="); ok {
			if id, err := strconv.Unquote(v); err == nil && id != "" {
				return id
			}
		}
	}
	return host.ConmonArg(host.ParentConmon(h.Path("/proc"), os.Getpid()), "-c")
}

// idle returns a channel that is closed once, for the grace time, no
// session held the lock and no exec session of the container ran. The
// entry point then holds the lock exclusively, the file says it is
// stopping, and it must end. For a nil *sessions the channel is nil:
// never.
func (s *sessions) idle(ctx context.Context) <-chan struct{} {
	if s == nil {
		return nil
	}
	done := make(chan struct{})
	go s.watch(ctx, done)
	return done
}

func (s *sessions) watch(ctx context.Context, done chan<- struct{}) {
	poll := min(max(s.grace/4, 50*time.Millisecond), 500*time.Millisecond)
	tick := time.NewTicker(poll)
	defer tick.Stop()
	idleSince, nextScan := time.Now(), time.Time{}
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if time.Now().Before(nextScan) || !s.lock() {
			idleSince = time.Now()
			continue
		}
		if pid := execSession(s.h, s.id); pid != 0 {
			slog.Debug("Found a session that holds no lock", "pid", pid, "process", procName(s.h, pid))
			host.Unlock(s.f)
			idleSince, nextScan = time.Now(), time.Now().Add(foreignBackoff)
			continue
		}
		if time.Since(idleSince) < s.grace {
			host.Unlock(s.f)
			continue
		}
		if _, err := s.f.WriteAt(host.SessionsContent(s.id, true), 0); err != nil {
			slog.Warn("Failed to mark the sessions file", "err", err)
		}
		slog.Info("Stopping: no session for " + s.grace.String())
		close(done)
		return
	}
}

// procName is "PID (COMM) STATE" of process pid, for the log.
func procName(h *host.Host, pid int) string {
	stat, _ := os.ReadFile(filepath.Join(h.Path("/proc"), strconv.Itoa(pid), "stat"))
	f := strings.Fields(string(stat))
	return strings.Join(f[:min(3, len(f))], " ")
}

// lock takes the lock exclusively, when no session holds it.
func (s *sessions) lock() bool {
	ok, err := host.TryLock(s.f, true)
	if err != nil {
		slog.Warn("Failed to lock the sessions file", "err", err)
	}
	return ok
}

// execSession returns a process other than the entry point that is the
// child of a conmon of container id: an exec session, which may be one
// that holds no lock; 0 when there is none. When /proc cannot be read it
// returns -1, so that nothing is stopped on a guess.
func execSession(h *host.Host, id string) int {
	proc := h.Path("/proc")
	entries, err := os.ReadDir(proc)
	if err != nil {
		return -1
	}
	self := os.Getpid()
	ours := map[int]bool{}
	for _, ent := range entries {
		pid, err := strconv.Atoi(ent.Name())
		if err != nil || pid == self {
			continue
		}
		stat, err := os.ReadFile(filepath.Join(proc, ent.Name(), "stat"))
		if err != nil {
			continue
		}
		ppid, ok := host.ParentPID(stat)
		if !ok {
			continue
		}
		is, seen := ours[ppid]
		if !seen {
			conmon := host.Conmon(proc, ppid)
			is = conmon != nil && host.ConmonArg(conmon, "-c") == id
			ours[ppid] = is
		}
		if is {
			return pid
		}
	}
	return 0
}
