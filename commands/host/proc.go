package host

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The processes of Toolbx containers are the host's (--pid host), so both
// the host and a container's entry point read them in /proc: an entry
// point, or an exec session, is the child of a conmon, whose command line
// names the container's ID (-c) and name (-n).

// ParentConmon returns the command line of pid's parent, read in the
// /proc at proc, when that parent is a conmon: the one that runs a
// container's entry point, or an exec session of it; nil otherwise.
func ParentConmon(proc string, pid int) []string {
	stat, err := os.ReadFile(filepath.Join(proc, strconv.Itoa(pid), "stat"))
	if err != nil {
		return nil
	}
	ppid, ok := ParentPID(stat)
	if !ok {
		return nil
	}
	return Conmon(proc, ppid)
}

// Conmon returns the command line of pid when it is a conmon; nil
// otherwise.
func Conmon(proc string, pid int) []string {
	cmdline, err := os.ReadFile(filepath.Join(proc, strconv.Itoa(pid), "cmdline"))
	if err != nil {
		return nil
	}
	args := strings.Split(string(cmdline), "\x00")
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

// ConmonArg returns the value of conmon's option flag ("-c" for the
// container ID, "-n" for its name) in args, or "".
func ConmonArg(args []string, flag string) string {
	for i := 0; i+1 < len(args); i++ {
		if args[i] == flag {
			return args[i+1]
		}
	}
	return ""
}
