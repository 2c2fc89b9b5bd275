package commands

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/podman/podmantest"
)

// sessionsFile writes the sessions file of entry point pid of container
// name, as init-container leaves it for a container made with --auto-stop.
func sessionsFile(t *testing.T, h *host.Host, name string, pid int, stopping bool) string {
	t.Helper()
	path := filepath.Join(h.Path(h.RuntimeDir()), host.SessionsFile(pid))
	writeFile(t, path, string(host.SessionsContent(ctrID(name), stopping)))
	return path
}

// TestSessionHeld: run and enter hold a shared lock on the sessions file of
// a container that stops by itself while podman exec runs, and let go
// after; it costs no podman call.
func TestSessionHeld(t *testing.T) {
	for _, cmd := range []any{&Run{Container: "box", Command: []string{"true"}}, &Enter{Name: []string{"box"}}} {
		h := testHost(t, fedora39, nil)
		knownReady(t, h, "box", 42)
		path := sessionsFile(t, h, "box", 42, false)
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		locked := false
		r := podmantest.NewFunc(t, func(a []string) call {
			ok, _ := host.TryLock(f, true)
			locked = !ok
			if ok {
				host.Unlock(f)
			}
			return call{}
		})
		if got := podmanVerbs(t, h, r, cmd); got != "exec" || !locked {
			t.Errorf("%T: podman %s, lock held during exec: %v", cmd, got, locked)
		}
		if ok, _ := host.TryLock(f, true); !ok {
			t.Errorf("%T: the lock is still held after the session", cmd)
		}
	}
}

// TestSessionStopping: a session that finds the container stopping (its
// entry point gone meanwhile) starts it again and holds the new entry
// point's file; a file left by another container with the same PID is not
// the container's.
func TestSessionStopping(t *testing.T) {
	h := testHost(t, fedora39, nil)
	knownReady(t, h, "box", 42)
	sessionsFile(t, h, "box", 42, true)
	r := podmantest.NewFunc(t, func(a []string) call {
		if a[0] == "start" {
			entryPoint(t, h, "box", 43)
			initialized(t, h, 43)
			sessionsFile(t, h, "box", 43, false)
		}
		return call{}
	})
	// The entry point ends a moment after the session found it stopping.
	go func() {
		time.Sleep(50 * time.Millisecond)
		_ = os.RemoveAll(h.Path("/proc/42"))
	}()
	if got := podmanVerbs(t, h, r, &Run{Container: "box", Command: []string{"true"}}); got != "start,exec" {
		t.Errorf("podman %s, want start,exec", got)
	}
	if pid, _ := cachedEntryPoint(h, "box"); pid != 43 {
		t.Errorf("entry point %d remembered, want 43", pid)
	}

	h = testHost(t, fedora39, nil)
	knownReady(t, h, "box", 42)
	writeFile(t, filepath.Join(h.Path(h.RuntimeDir()), host.SessionsFile(42)), "0123 stopping\n")
	if got := podmanVerbs(t, h, podmantest.NewFunc(t, nil), &Run{Container: "box", Command: []string{"true"}}); got != "exec" {
		t.Errorf("another container's file: podman %s, want exec", got)
	}
}
