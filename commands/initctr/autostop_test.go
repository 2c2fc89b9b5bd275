package initctr

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/toolbx-go/toolbox/commands/host"
)

const testID = "c0ffee"

// autoStopContainer is a container made with --auto-stop, whose /proc
// holds no process but what a test adds.
func autoStopContainer(t *testing.T) (*host.Host, *sessions) {
	t.Helper()
	h := container(t, map[string]string{host.AutoStopEnv: "1"})
	write(t, h.Path("/run/.containerenv"), "engine=\"podman-4.3.1\"\nid=\""+testID+"\"\n")
	if err := os.MkdirAll(h.Path("/proc"), 0o755); err != nil {
		t.Fatal(err)
	}
	s := openSessions(h, Options{UID: os.Getuid(), GID: os.Getgid()}, "/run/toolbox")
	if s == nil {
		t.Fatal("no sessions file")
	}
	s.grace = 200 * time.Millisecond
	return h, s
}

func sessionsPath(h *host.Host) string {
	return h.Path(filepath.Join("/run/toolbox", host.SessionsFile(os.Getpid())))
}

// TestAutoStopOff: a container made without --auto-stop has no sessions
// file, and never stops by itself.
func TestAutoStopOff(t *testing.T) {
	h := container(t, nil)
	if s := openSessions(h, Options{}, "/run/toolbox"); s != nil || s.idle(context.Background()) != nil {
		t.Error("sessions without TOOLBX_AUTO_STOP")
	}
	if _, err := os.Stat(sessionsPath(h)); err == nil {
		t.Error("a sessions file without TOOLBX_AUTO_STOP")
	}
}

// TestAutoStop: the entry point stops once no session held the lock for
// the grace time, and not while one holds it; it marks the file first.
func TestAutoStop(t *testing.T) {
	h, s := autoStopContainer(t)
	session, err := os.Open(sessionsPath(h))
	if err != nil {
		t.Fatal(err)
	}
	defer session.Close()
	if !host.LockShared(session, time.Second) {
		t.Fatal("no shared lock")
	}
	idle := s.idle(context.Background())
	select {
	case <-idle:
		t.Fatal("stopped while a session holds the lock")
	case <-time.After(3 * s.grace):
	}
	released := time.Now()
	host.Unlock(session)
	select {
	case <-idle:
		// The grace time counts from the last poll that saw the lock held.
		if waited := time.Since(released); waited < s.grace/2 {
			t.Errorf("stopped after %v, before the grace time", waited)
		}
	case <-time.After(10 * s.grace):
		t.Fatal("not stopped once the session ended")
	}
	data, _ := os.ReadFile(sessionsPath(h))
	if id, stopping := host.ParseSessions(data); id != testID || !stopping {
		t.Errorf("sessions file %q", data)
	}
	if ok, _ := host.TryLock(session, false); ok {
		t.Error("a session could lock a stopping container's file")
	}
}

// TestAutoStopExecSession: an exec session that holds no lock (upstream's
// Toolbx, podman exec) keeps the container running.
func TestAutoStopExecSession(t *testing.T) {
	h, s := autoStopContainer(t)
	write(t, h.Path("/proc/99/cmdline"), "/usr/bin/conmon\x00--api-version\x001\x00-c\x00"+testID+"\x00-e\x00")
	write(t, h.Path("/proc/100/stat"), "100 (bash (x)) S 99 100 100 0")
	write(t, h.Path(fmt.Sprintf("/proc/%d/stat", os.Getpid())), fmt.Sprintf("%d (toolbox) S 1 1 1 0", os.Getpid()))
	if execSession(h, testID) != 100 || execSession(h, "other") != 0 {
		t.Fatal("exec sessions not found by the container's ID")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	select {
	case <-s.idle(ctx):
		t.Fatal("stopped while an exec session runs")
	case <-time.After(3 * s.grace):
	}
}
