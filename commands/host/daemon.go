package host

import (
	"context"
	"log/slog"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// StartDaemon runs name with args, a program that puts itself in the
// background (as `p11-kit server` does), and waits for its foreground
// part to exit. The daemon gets /dev/null for its standard streams and a
// session of its own, and none of the other descriptors toolbox inherited:
// one that kept a pipe open (a test harness's, a terminal multiplexer's)
// would keep that pipe's reader waiting long after toolbox is gone. The
// descriptors are closed for the daemon only: they are marked
// close-on-exec while it starts, then as they were.
func StartDaemon(ctx context.Context, name string, args ...string) error {
	slog.DebugContext(ctx, "Running "+name, "args", strings.Join(args, " "))
	cmd := exec.CommandContext(context.WithoutCancel(ctx), name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	restore := closeOnExecInherited()
	err := cmd.Start()
	restore()
	if err != nil {
		return err
	}
	return cmd.Wait()
}

// closeOnExecInherited marks close-on-exec every descriptor above stderr
// that is not already (Go opens its own so), and returns what undoes it.
func closeOnExecInherited() (restore func()) {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return func() {}
	}
	var marked []int
	for _, ent := range entries {
		fd, err := strconv.Atoi(ent.Name())
		if err != nil || fd <= 2 {
			continue
		}
		flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		if err != nil || flags&unix.FD_CLOEXEC != 0 {
			continue
		}
		if _, err := unix.FcntlInt(uintptr(fd), unix.F_SETFD, flags|unix.FD_CLOEXEC); err == nil {
			marked = append(marked, fd)
		}
	}
	return func() {
		for _, fd := range marked {
			if flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err == nil {
				_, _ = unix.FcntlInt(uintptr(fd), unix.F_SETFD, flags&^unix.FD_CLOEXEC)
			}
		}
	}
}
