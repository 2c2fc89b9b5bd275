package toolbx

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// podman exec passes no signal on to the command it runs (podman issue
// 19486), and exits at once on SIGINT, leaving the command running. So
// the command runs under a wrapper that writes its pid to a file in the
// runtime directory, which the host and the container share; Toolbx
// containers share the host's pid namespace too (--pid host), so toolbox
// signals the command itself, and podman exec ends with the command's
// status. The wrapper's exec keeps the pid: it is the command's.

// signalForwarder passes the signals toolbox gets on to the command of one
// podman exec.
type signalForwarder struct {
	e         *Engine
	pidFile   string // the host's path of the wrapper's pid file
	container string
	id        string // the container's ID, "" when not known
	sigs      chan os.Signal
	done      chan struct{}
	wg        sync.WaitGroup
	mu        sync.Mutex
	last      syscall.Signal
}

// execPIDFile is where the wrapper of this toolbox process's podman exec
// writes its pid: the host's path and the container's.
func (e *Engine) execPIDFile() (host, container string) {
	name := fmt.Sprintf("exec-%d.pid", os.Getpid())
	return filepath.Join(e.Host.Path(e.Host.RuntimeDir()), name), filepath.Join(e.Host.RuntimeDir(), name)
}

// startSignalForwarder starts forwarding to the command whose wrapper
// writes pidFile in container id (or, with no ID, the container name).
func (e *Engine) startSignalForwarder(pidFile, container, id string) *signalForwarder {
	_ = os.Remove(pidFile)
	f := &signalForwarder{e: e, pidFile: pidFile, container: container, id: id,
		sigs: make(chan os.Signal, 8), done: make(chan struct{})}
	f.wg.Add(1)
	go f.loop()
	return f
}

// signal queues sig for the command; it never blocks.
func (f *signalForwarder) signal(sig os.Signal) {
	select {
	case f.sigs <- sig:
	default:
	}
}

func (f *signalForwarder) loop() {
	defer f.wg.Done()
	for {
		select {
		case sig := <-f.sigs:
			f.deliver(sig)
		case <-f.done:
			return
		}
	}
}

// deliver signals the command, waiting for its pid while it starts.
func (f *signalForwarder) deliver(sig os.Signal) {
	s, ok := sig.(syscall.Signal)
	if !ok {
		return
	}
	f.mu.Lock()
	f.last = s
	f.mu.Unlock()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		if pid := f.commandPID(); pid > 0 {
			slog.Debug("Passing "+s.String()+" on to the command in container "+f.container, "pid", pid)
			if err := syscall.Kill(pid, s); err != nil {
				slog.Debug("Passing the signal on failed", "err", err)
			}
			return
		}
		select {
		case <-f.done:
			return
		case <-tick.C:
		}
	}
}

// commandPID is the command's pid once its wrapper has written it, and
// only while that process is an exec session of the container: the child
// of a conmon of the container's ID. A pid from another pid namespace, or
// one that was recycled, is never signalled.
func (f *signalForwarder) commandPID() int {
	data, err := os.ReadFile(f.pidFile)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || pid <= 1 {
		return 0
	}
	conmon := f.e.parentConmon(pid)
	if f.id != "" && conmonArg(conmon, "-c") == f.id {
		return pid
	}
	if f.id == "" && conmon != nil && conmonArg(conmon, "-n") == f.container {
		return pid
	}
	return 0
}

// stop ends forwarding and returns the last signal toolbox got, 0 for
// none.
func (f *signalForwarder) stop() syscall.Signal {
	close(f.done)
	f.wg.Wait()
	_ = os.Remove(f.pidFile)
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.last
}
