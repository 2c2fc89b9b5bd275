package commands

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/alecthomas/kong"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/commands/toolbx"
	"github.com/toolbx-go/toolbox/commands/toolbx/toolbxtest"
	"github.com/toolbx-go/toolbox/podman"
	"github.com/toolbx-go/toolbox/podman/podmantest"
)

type call = podmantest.Call

const fedora39 = toolbxtest.Fedora39

// testHost is toolbxtest.NewHost.
func testHost(t *testing.T, osRelease string, env map[string]string) *host.Host {
	t.Helper()
	return toolbxtest.NewHost(t, osRelease, env)
}

func mkdir(t *testing.T, dir string) { t.Helper(); toolbxtest.Mkdir(t, dir) }
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	toolbxtest.WriteFile(t, path, content)
}

// testIO returns IO on buffers, with stdin reading in.
func testIO(in string) (*IO, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &IO{In: strings.NewReader(in), Out: &out, Err: &errb}, &out, &errb
}

// engine is the model for a command under test: podman pm, host h, the
// user at stdio, with -y when g says so.
func engine(pm *podman.Client, stdio *IO, h *host.Host, g *Globals) *toolbx.Engine {
	if g != nil {
		stdio.AssumeYes = g.AssumeYes
	}
	return &toolbx.Engine{Podman: pm, Host: h, UI: stdio}
}

// parse runs args through the real grammar; kong must never exit.
func parse(t *testing.T, args ...string) (*CLI, *kong.Context, error) {
	t.Helper()
	var cli CLI
	stdio, _, _ := testIO("")
	kctx, err := Parse(&cli, stdio, args, kong.Exit(func(code int) { t.Fatalf("kong exited with %d", code) }))
	return &cli, kctx, err
}

// errText is what main prints for err: "Error: " + message, or "" when
// err carries only an exit code. The model's errors are worded first.
func errText(err error) string {
	err = Word(err)
	if err == nil || err.Error() == "" {
		return ""
	}
	return "Error: " + err.Error() + "\n"
}

// exitCode is the code main exits with for err.
func exitCode(err error) int {
	err = Word(err)
	if err == nil {
		return 0
	}
	var coder kong.ExitCoder
	if errors.As(err, &coder) {
		return coder.ExitCode()
	}
	return 1
}

// ctr describes a container for the JSON helpers.
type ctr struct {
	name    string
	running bool
	pid     int
	label   bool
	cmd0    string // "toolbox" when empty
}

func (c ctr) fixture() toolbxtest.Ctr {
	return toolbxtest.Ctr{Name: c.name, Running: c.running, Pid: c.pid, Label: c.label, Cmd0: c.cmd0}
}

func ctrID(name string) string { return toolbxtest.CtrID(name) }

// psJSON is `podman ps --format json` output for ctrs.
func psJSON(ctrs ...ctr) string {
	var list []toolbxtest.Ctr
	for _, c := range ctrs {
		list = append(list, c.fixture())
	}
	return toolbxtest.PsJSON(list...)
}

// inspectJSON is `podman inspect --type container` output for c.
func inspectJSON(c ctr) string { return toolbxtest.InspectJSON(c.fixture()) }

// argv builds an expected podman argv.
func argv(a ...string) []string { return a }

func inspectCtr(name string) []string {
	return argv("inspect", "--format", "json", "--type", "container", "--", name)
}

func inspectImg(name string) []string {
	return argv("inspect", "--format", "json", "--type", "image", "--", name)
}

var psAll = argv("ps", "--all", "--format", "json")

func entryPoint(t *testing.T, h *host.Host, name string, pid int) {
	t.Helper()
	toolbxtest.EntryPoint(t, h, name, pid)
}

func initialized(t *testing.T, h *host.Host, pid int) { t.Helper(); toolbxtest.Initialized(t, h, pid) }

func runningEntryPoint(t *testing.T, h *host.Host, name string, pid int) {
	t.Helper()
	toolbxtest.RunningEntryPoint(t, h, name, pid)
}

// knownPID records pid as name's entry point, as an earlier run or enter
// leaves it.
func knownPID(t *testing.T, h *host.Host, name string, pid int) {
	t.Helper()
	toolbx.NewState(h).RememberEntryPoint(name, pid, ctrID(name))
}

// knownReady is a container that an earlier run or enter saw initialised
// and whose entry point is still alive: the fast path of Ready.
func knownReady(t *testing.T, h *host.Host, name string, pid int) {
	t.Helper()
	runningEntryPoint(t, h, name, pid)
	knownPID(t, h, name, pid)
}

func stampPath(h *host.Host, pid int) string { return toolbxtest.StampPath(h, pid) }

// cachedEntryPoint is what the state remembers of name.
func cachedEntryPoint(h *host.Host, name string) (int, string) {
	return toolbx.NewState(h).EntryPoint(name)
}

func pidCacheFile(h *host.Host, name string) string { return toolbx.NewState(h).EntryPointFile(name) }
