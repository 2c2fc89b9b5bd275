package podman

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// cancelGrace is how long a cancelled process has between SIGINT and
// SIGKILL.
const cancelGrace = 5 * time.Second

// spawn runs name (looked up in PATH) with args, env (nil: ours) and the
// streams of s, waits for it and returns its exit code: -1 when a signal
// ended it. A nil s.Stderr is captured into stderr, when that is not nil.
//
// It does without os/exec, which costs about 0.8 ms per toolbox call on our
// machines: on its first start os/exec probes pidfd support by cloning an
// extra child, and it copies every stream that is not a file through a
// pipe and a goroutine. Here a stream that is not a file goes through a
// memory file instead (memfd): filled before the start for stdin, read
// back after the exit for stdout and stderr. That suits podman's and
// skopeo's output, which toolbox reads when they are done; toolbox's own
// standard streams are files and are passed as they are.
//
// When ctx is cancelled (Ctrl-C, SIGTERM) the process gets SIGINT, to
// clean up as podman does on a terminal's Ctrl-C, and SIGKILL
// cancelGrace later.
func spawn(ctx context.Context, name string, args, env []string, s Stdio, stderr *bytes.Buffer) (int, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var st streams
	defer st.close()
	files := []*os.File{st.in(s.Stdin), st.out(s.Stdout)}
	stderrTo := s.Stderr
	if stderrTo == nil && stderr != nil {
		stderrTo = stderr
	}
	if b, ok := s.Stdout.(*bytes.Buffer); ok && s.Stderr == io.Writer(b) {
		// One memory file keeps the two streams in the order written.
		files = append(files, files[1])
	} else {
		files = append(files, st.out(stderrTo))
	}
	if st.err != nil {
		return 0, st.err
	}
	files = append(files, s.ExtraFiles...)
	fds := make([]uintptr, len(files))
	for i, f := range files {
		fds[i] = f.Fd()
	}
	if env == nil {
		env = os.Environ()
	}
	pid, err := syscall.ForkExec(path, append([]string{name}, args...), &syscall.ProcAttr{Env: env, Files: fds})
	if err != nil {
		return 0, &os.PathError{Op: "fork/exec", Path: path, Err: err}
	}
	ws, err := wait(ctx, pid)
	if err != nil {
		return 0, err
	}
	if err := st.readBack(); err != nil {
		return 0, err
	}
	if ws.Signaled() {
		return -1, nil
	}
	return ws.ExitStatus(), nil
}

// wait waits for pid to exit, signalling it when ctx is cancelled, and
// reaps it. The process is reaped only after the signals are stopped, so
// they cannot reach another process that got its pid.
func wait(ctx context.Context, pid int) (syscall.WaitStatus, error) {
	var mu sync.Mutex
	exited := false
	signal := func(sig syscall.Signal) {
		mu.Lock()
		defer mu.Unlock()
		if !exited {
			_ = syscall.Kill(pid, sig)
		}
	}
	stop := context.AfterFunc(ctx, func() {
		signal(syscall.SIGINT)
		time.AfterFunc(cancelGrace, func() { signal(syscall.SIGKILL) })
	})
	var info unix.Siginfo
	err := retryEINTR(func() error { return unix.Waitid(unix.P_PID, pid, &info, unix.WEXITED|unix.WNOWAIT, nil) })
	mu.Lock()
	exited = true
	mu.Unlock()
	stop()
	var ws syscall.WaitStatus
	if err == nil {
		err = retryEINTR(func() error { _, err := syscall.Wait4(pid, &ws, 0, nil); return err })
	}
	if err != nil {
		return 0, os.NewSyscallError("wait", err)
	}
	return ws, nil
}

func retryEINTR(f func() error) error {
	for {
		if err := f(); !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// streams are the files spawn opened for a child: closed when it is done,
// and the memory files read back into their writers after its exit.
type streams struct {
	opened []*os.File
	back   []func() error
	err    error
}

// in returns the child's stdin for r: /dev/null for nil, r itself when it
// is a file, otherwise a memory file holding what r reads.
func (st *streams) in(r io.Reader) *os.File {
	switch r := r.(type) {
	case nil:
		return st.open(os.Open(os.DevNull))
	case *os.File:
		return r
	}
	f := st.memory()
	if f == nil {
		return nil
	}
	if _, err := io.Copy(f, r); err != nil {
		st.fail(err)
		return nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		st.fail(err)
	}
	return f
}

// out returns the child's file for w: /dev/null for nil, w itself when it
// is a file, otherwise a memory file copied into w after the exit.
func (st *streams) out(w io.Writer) *os.File {
	switch w := w.(type) {
	case nil:
		return st.open(os.OpenFile(os.DevNull, os.O_WRONLY, 0))
	case *os.File:
		return w
	}
	f := st.memory()
	if f == nil {
		return nil
	}
	st.back = append(st.back, func() error {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		_, err := io.Copy(w, f)
		return err
	})
	return f
}

func (st *streams) memory() *os.File {
	fd, err := unix.MemfdCreate("toolbox-stream", unix.MFD_CLOEXEC)
	if err != nil {
		st.fail(os.NewSyscallError("memfd_create", err))
		return nil
	}
	return st.open(os.NewFile(uintptr(fd), "memfd:toolbox-stream"), nil)
}

func (st *streams) open(f *os.File, err error) *os.File {
	if err != nil {
		st.fail(err)
		return nil
	}
	st.opened = append(st.opened, f)
	return f
}

func (st *streams) fail(err error) {
	if st.err == nil {
		st.err = err
	}
}

func (st *streams) readBack() error {
	for _, f := range st.back {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

func (st *streams) close() {
	for _, f := range st.opened {
		f.Close()
	}
}
