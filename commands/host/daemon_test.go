package host

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// TestStartDaemonHoldsNoInheritedDescriptor: a descriptor toolbox
// inherited (a pipe without close-on-exec, as a harness passes one) does
// not reach the daemon, and is as it was afterwards.
func TestStartDaemonHoldsNoInheritedDescriptor(t *testing.T) {
	var p [2]int
	if err := syscall.Pipe(p[:]); err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(p[0])
	defer syscall.Close(p[1])
	out := filepath.Join(t.TempDir(), "fds")
	if err := StartDaemon(context.Background(), "sh", "-c", "ls /proc/$$/fd >"+out); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range strings.Fields(string(data)) {
		if fd == strconv.Itoa(p[0]) || fd == strconv.Itoa(p[1]) {
			t.Errorf("the daemon has the pipe's fd %s (all: %s)", fd, strings.Join(strings.Fields(string(data)), " "))
		}
	}
	for _, fd := range p {
		if flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err != nil || flags&unix.FD_CLOEXEC != 0 {
			t.Errorf("fd %d: flags %d (%v) after the start", fd, flags, err)
		}
	}
}
