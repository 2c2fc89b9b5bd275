package host

import (
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// Automatic stop (Toolbx PR 1679's design): the entry point of a
// container that chose it keeps a sessions file, SessionsFile(PID) in the
// runtime directory that the host and the container share, holding the
// container's ID. Each enter and run session holds a shared flock(2) on
// it while it lasts; the entry point stops the container once it could
// take the lock exclusively for a grace time. Just before it ends, with
// the exclusive lock held, it marks the file as stopping, so a session
// that was waiting for its shared lock knows to start the container
// again. The kernel drops the locks of a process that dies, however it
// dies.

// AutoStopEnv is the variable in a container's environment that asks its
// entry point for the automatic stop, after its value in seconds without
// a session: `create --auto-stop` sets it, and upstream's init-container,
// which would refuse a flag it does not know, ignores it.
const AutoStopEnv = "TOOLBX_AUTO_STOP"

// SessionsFile is the name, in the runtime directory, of the sessions
// file of entry point pid.
func SessionsFile(pid int) string { return fmt.Sprintf("container-sessions-%d", pid) }

// SessionsContent is what the sessions file of container id holds.
func SessionsContent(id string, stopping bool) []byte {
	if stopping {
		return []byte(id + " stopping\n")
	}
	return []byte(id + "\n")
}

// ParseSessions reads a sessions file: the container's ID, and whether its
// entry point is stopping it.
func ParseSessions(data []byte) (id string, stopping bool) {
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return "", false
	}
	return f[0], len(f) > 1 && f[1] == "stopping"
}

// TryLock takes a flock(2) on f, shared or exclusive, without waiting:
// false when another process holds a lock that excludes it.
func TryLock(f *os.File, exclusive bool) (bool, error) {
	how := unix.LOCK_SH
	if exclusive {
		how = unix.LOCK_EX
	}
	for {
		err := unix.Flock(int(f.Fd()), how|unix.LOCK_NB)
		switch err {
		case nil:
			return true, nil
		case unix.EWOULDBLOCK:
			return false, nil
		case unix.EINTR:
			continue
		}
		return false, err
	}
}

// LockShared takes a shared flock(2) on f, trying every few milliseconds
// for up to timeout: false when it could not.
func LockShared(f *os.File, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for {
		ok, err := TryLock(f, false)
		if ok || err != nil || time.Now().After(deadline) {
			return ok
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Unlock drops f's flock(2).
func Unlock(f *os.File) { _ = unix.Flock(int(f.Fd()), unix.LOCK_UN) }
