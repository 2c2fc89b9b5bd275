package toolbx

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"

	"github.com/toolbx-go/toolbox/commands/host"
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
	return host.ParentConmon(e.Host.Path("/proc"), pid)
}

// conmonArg returns the value of conmon's option flag ("-c" for the
// container ID, "-n" for its name) in args, or "".
func conmonArg(args []string, flag string) string { return host.ConmonArg(args, flag) }
