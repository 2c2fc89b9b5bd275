package toolbx

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The processes of Toolbx containers are the host's (--pid host), so
// toolbox reads them in the host's /proc: an entry point, or an exec
// session, is the child of a conmon, whose command line names the
// container's ID (-c) and name (-n).

// entryPointConmon returns the command line of the conmon that runs pid,
// when pid is an init-container whose parent is a conmon; nil otherwise.
func (e *Engine) entryPointConmon(pid int) []string {
	cmdline, err := os.ReadFile(filepath.Join(e.Host.Path("/proc"), strconv.Itoa(pid), "cmdline"))
	if err != nil || !bytes.Contains(cmdline, []byte("\x00init-container\x00")) {
		return nil
	}
	return e.parentConmon(pid)
}

// parentConmon returns the command line of pid's parent when that is a
// conmon: the one that runs a container's entry point, or an exec session
// of it; nil otherwise.
func (e *Engine) parentConmon(pid int) []string {
	proc := e.Host.Path("/proc")
	stat, err := os.ReadFile(filepath.Join(proc, strconv.Itoa(pid), "stat"))
	if err != nil {
		return nil
	}
	ppid, ok := ParentPID(stat)
	if !ok {
		return nil
	}
	parent, err := os.ReadFile(filepath.Join(proc, strconv.Itoa(ppid), "cmdline"))
	if err != nil {
		return nil
	}
	args := strings.Split(string(parent), "\x00")
	if !strings.Contains(filepath.Base(args[0]), "conmon") {
		return nil
	}
	return args
}

// ParentPID reads the parent's PID from /proc/PID/stat, "PID (COMM) STATE
// PPID ...", where COMM may hold spaces and parentheses.
func ParentPID(stat []byte) (int, bool) {
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	if len(fields) < 2 {
		return 0, false
	}
	ppid, err := strconv.Atoi(fields[1])
	return ppid, err == nil && ppid > 0
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
