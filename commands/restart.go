package commands

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/toolbx-go/toolbox/podman"
)

// restartKnown starts a container that toolbox saw initialised before and
// waits for its new entry point's readiness stamp without asking podman
// for the entry point's PID: it is the process, with a stamp, whose parent
// is the conmon that runs the container name. That saves the `inspect`
// between `start` and `exec`.
func restartKnown(ctx context.Context, pm *podman.Client, h *Host, name string) (string, error) {
	since := time.Now()
	dir := h.path(h.RuntimeDir())
	events := watchDir(dir) // before start, so no stamp goes unnoticed
	if err := startContainerOrMigrate(ctx, pm, h, name); err != nil {
		return "", err
	}
	pid, id := 0, ""
	ready := func() bool { pid, id = entryPointStamp(h, dir, name); return pid > 0 }
	running := func(cur podman.Container) bool { return cur.Running() }
	if err := waitUntil(ctx, pm, h, name, since, events, ready, running); err != nil {
		return "", err
	}
	rememberEntryPoint(h, name, pid, id)
	relogInit(ctx, pm, name, since)
	return id, nil
}

// entryPointStamp returns the PID of name's entry point, and the ID of the
// container, once the entry point has left its stamp in dir; 0 before.
func entryPointStamp(h *Host, dir, name string) (int, string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, ""
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(strings.TrimPrefix(e.Name(), "container-initialized-"))
		if err != nil || !strings.HasPrefix(e.Name(), "container-initialized-") {
			continue
		}
		if conmon := entryPointConmon(h, pid); conmonArg(conmon, "-n") == name {
			return pid, conmonArg(conmon, "-c")
		}
	}
	return 0, ""
}

// entryPointConmon returns the command line of the conmon that runs pid,
// when pid is an init-container whose parent is a conmon; nil otherwise.
func entryPointConmon(h *Host, pid int) []string {
	cmdline, err := os.ReadFile(filepath.Join(h.path("/proc"), strconv.Itoa(pid), "cmdline"))
	if err != nil || !bytes.Contains(cmdline, []byte("\x00init-container\x00")) {
		return nil
	}
	return parentConmon(h, pid)
}

// parentConmon returns the command line of pid's parent when that is a
// conmon: the one that runs a container's entry point, or an exec session
// of it; nil otherwise.
func parentConmon(h *Host, pid int) []string {
	proc := h.path("/proc")
	stat, err := os.ReadFile(filepath.Join(proc, strconv.Itoa(pid), "stat"))
	if err != nil {
		return nil
	}
	// stat is "PID (COMM) STATE PPID ...", and COMM may hold spaces.
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	if len(fields) < 2 {
		return nil
	}
	parent, err := os.ReadFile(filepath.Join(proc, fields[1], "cmdline"))
	if err != nil {
		return nil
	}
	args := strings.Split(string(parent), "\x00")
	if !strings.Contains(filepath.Base(args[0]), "conmon") {
		return nil
	}
	return args
}

// conmonArg returns the value of conmon's option flag ("-c" for the
// container ID, "-n" for its name) in args, or "".
func conmonArg(args []string, flag string) string {
	for i := 0; i+1 < len(args); i++ {
		if args[i] == flag {
			return args[i+1]
		}
	}
	return ""
}
