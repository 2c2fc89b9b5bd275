package commands

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/podman/podmantest"
)

const defaultCtr = "fedora-toolbox-39"

// execWrapper is the script that runs the user's command in the
// container, writing its pid first (for passing signals on).
const execWrapper = `{ echo $$ >"$1"; } 2>/dev/null; shift; exec "$@"`

// execArgv is the podman exec of `toolbox run` (login) or `enter`: bash
// runs the command, as a login shell for run.
func execArgv(h *host.Host, name, workdir string, login bool, command ...string) []string {
	a := argv("exec", "--detach-keys", "", "--env=XDG_RUNTIME_DIR="+h.Getenv("XDG_RUNTIME_DIR"), "--interactive",
		"--user", "user", "--workdir", workdir, "--", name, "bash")
	if login {
		a = append(a, "--login")
	}
	pidFile := filepath.Join(h.RuntimeDir(), fmt.Sprintf("exec-%d.pid", os.Getpid()))
	return append(append(a, "-c", execWrapper, "bash", pidFile), command...)
}

func probeArgv(name, script, arg string) []string {
	return argv("exec", "--detach-keys", "", "--user", "user", "--", name, "sh", "-c", script, "sh", arg)
}

func running(name string) call {
	return call{Args: inspectCtr(name), Stdout: inspectJSON(ctr{name: name, label: true, running: true, pid: 42})}
}

func TestRunExitCodes(t *testing.T) {
	gone := "/var/tmp/toolbx-test-gone"
	type test struct {
		name    string
		command []string
		cwd     string
		calls   func(h *host.Host) []call
		setup   func(t *testing.T, h *host.Host)
		stdout  string
		want    string // stderr and the returned error, as main prints them
		code    int
		bug     string
		after   func(t *testing.T, h *host.Host)
	}
	exec := func(code int, cmd ...string) func(h *host.Host) []call {
		return func(h *host.Host) []call {
			return []call{running(defaultCtr), {Args: execArgv(h, defaultCtr, h.Home, true, cmd...), Exit: code}}
		}
	}
	tests := []test{
		{name: "true", command: []string{"true"}, calls: exec(0, "true")},
		{name: "false", command: []string{"false"}, calls: exec(1, "false"), code: 1},
		{name: "exit 2", command: []string{"/bin/sh", "-c", "exit 2"}, calls: exec(2, "/bin/sh", "-c", "exit 2"), code: 2},
		{name: "125", command: []string{"readlink", "/proc/self/fd/5"}, calls: func(h *host.Host) []call {
			// After a podman failure, toolbox checks the name still
			// belongs to the container it remembers: it does.
			return append(exec(125, "readlink", "/proc/self/fd/5")(h), running(defaultCtr))
		}, want: "Error: failed to invoke 'podman exec' in container " + defaultCtr + "\n", code: 125},
		{name: "known, renamed or removed behind toolbox's back", command: []string{"true"},
			setup: func(t *testing.T, h *host.Host) { knownReady(t, h, defaultCtr, 42) },
			calls: func(h *host.Host) []call {
				return []call{{Args: execArgv(h, defaultCtr, h.Home, true, "true"), Exit: 125,
					Stderr: "Error: no container with name or ID \"" + defaultCtr + "\" found: no such container\n"},
					noSuchCtr(inspectCtr(defaultCtr))}
			}, want: "Error: no container with name or ID \"" + defaultCtr + "\" found: no such container\n" +
				"Error: failed to invoke 'podman exec' in container " + defaultCtr + "\n", code: 125,
			after: func(t *testing.T, h *host.Host) {
				if pid, _ := cachedEntryPoint(h, defaultCtr); pid != 0 {
					t.Errorf("the stale entry (PID %d) is still remembered", pid)
				}
			}},
		{name: "126", command: []string{"/etc"}, calls: exec(126, "/etc"),
			want: "Error: failed to invoke command /etc in container " + defaultCtr + "\n", code: 126},
		// toolbox in the container is forwarded to the host, which has
		// already said what went wrong.
		{name: "126 from toolbox itself", command: []string{"toolbox", "foo"}, calls: exec(126, "toolbox", "foo"), code: 126},
		{name: "127 command not found", command: []string{"non-existent-command"}, calls: func(h *host.Host) []call {
			return append(exec(127, "non-existent-command")(h),
				call{Args: probeArgv(defaultCtr, `test -d "$1"`, h.Home)},
				call{Args: probeArgv(defaultCtr, `command -v "$1"`, "non-existent-command"), Exit: 1})
		}, want: "Error: command non-existent-command not found in container " + defaultCtr + "\n", code: 127},
		{name: "127 from the command itself", command: []string{"sh", "-c", "exit 127"}, calls: func(h *host.Host) []call {
			return append(exec(127, "sh", "-c", "exit 127")(h),
				call{Args: probeArgv(defaultCtr, `test -d "$1"`, h.Home)},
				call{Args: probeArgv(defaultCtr, `command -v "$1"`, "sh")})
		}, code: 127},
		{name: "workdir fallback", command: []string{"pwd"}, cwd: gone, calls: func(h *host.Host) []call {
			return []call{running(defaultCtr),
				{Args: execArgv(h, defaultCtr, gone, true, "pwd"), Exit: 127},
				{Args: probeArgv(defaultCtr, `test -d "$1"`, gone), Exit: 1},
				{Args: execArgv(h, defaultCtr, h.Home, true, "pwd"), Stdout: h.Home + "\n"}}
		}, stdout: "HOME\n", want: "Error: directory " + gone + " not found in container " + defaultCtr + "\nUsing HOME instead.\n"},
		{name: "workdir and HOME missing", command: []string{"pwd"}, cwd: gone, calls: func(h *host.Host) []call {
			return []call{running(defaultCtr),
				{Args: execArgv(h, defaultCtr, gone, true, "pwd"), Exit: 127},
				{Args: probeArgv(defaultCtr, `test -d "$1"`, gone), Exit: 1},
				{Args: execArgv(h, defaultCtr, h.Home, true, "pwd"), Exit: 127},
				{Args: probeArgv(defaultCtr, `test -d "$1"`, h.Home), Exit: 1}}
		}, want: "Error: directory " + gone + " not found in container " + defaultCtr + "\nUsing HOME instead.\n" +
			"Error: directory HOME not found in container " + defaultCtr + "\n", code: 127},
		{name: "leading -- stripped", command: []string{"--", "ls", "-la"}, calls: exec(0, "ls", "-la")},
		{name: "stopped container started", command: []string{"true"}, calls: func(h *host.Host) []call {
			return []call{{Args: inspectCtr(defaultCtr), Stdout: inspectJSON(ctr{name: defaultCtr, label: true})},
				{Args: argv("start", "--", defaultCtr)}, running(defaultCtr),
				{Args: execArgv(h, defaultCtr, h.Home, true, "true")}}
		}},
		{name: "known and ready: no inspect", command: []string{"true"}, setup: func(t *testing.T, h *host.Host) { knownReady(t, h, defaultCtr, 42) },
			calls: func(h *host.Host) []call { return []call{{Args: execArgv(h, defaultCtr, h.Home, true, "true")}} }},
		{name: "known and stopped", command: []string{"true"}, setup: func(t *testing.T, h *host.Host) {
			knownPID(t, h, defaultCtr, 41)
			entryPoint(t, h, defaultCtr, 42) // what the start below leaves
			initialized(t, h, 42)
		}, calls: func(h *host.Host) []call {
			return []call{{Args: argv("start", "--", defaultCtr)}, {Args: execArgv(h, defaultCtr, h.Home, true, "true")}}
		}},
		{name: "not found", command: []string{"true"}, calls: func(*host.Host) []call { return []call{noSuchCtr(inspectCtr(defaultCtr))} },
			want: "Error: container " + defaultCtr + " not found\nUse the 'create' command to create a Toolbx.\n" + hint, code: 1},
		{name: "known, removed since", command: []string{"true"}, setup: func(t *testing.T, h *host.Host) { knownPID(t, h, defaultCtr, 41) },
			calls: func(*host.Host) []call { return []call{noSuchCtr(argv("start", "--", defaultCtr))} },
			want:  "Error: container " + defaultCtr + " not found\nUse the 'create' command to create a Toolbx.\n" + hint, code: 1},
		{name: "inspect fails", command: []string{"true"}, calls: func(*host.Host) []call {
			return []call{{Args: inspectCtr(defaultCtr), Exit: 125, Stderr: "Error: database is locked\n"}}
		}, want: "Error: failed to inspect container " + defaultCtr + "\npodman: database is locked\n", code: 1},
		{name: "too old", command: []string{"true"}, calls: func(*host.Host) []call {
			return []call{{Args: inspectCtr(defaultCtr), Stdout: inspectJSON(ctr{name: defaultCtr, label: true, cmd0: "/bin/true"})}}
		}, want: "Error: container " + defaultCtr + " is too old and no longer supported\nRecreate it with Toolbx version 0.0.97 or newer.\n", code: 1},
		{name: "missing command", want: "Error: missing argument for \"run\"\n" + hint, code: 1},
		{name: "only --", command: []string{"--"}, want: "Error: missing argument for \"run\"\n" + hint, code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.bug != "" {
				t.Skip("BUG: " + tt.bug)
			}
			h := testHost(t, fedora39, nil)
			if tt.cwd != "" {
				h.Cwd = tt.cwd
			}
			initialized(t, h, 42)
			if tt.setup != nil {
				tt.setup(t, h)
			}
			var calls []call
			if tt.calls != nil {
				calls = tt.calls(h)
			}
			stdio, out, errb := testIO("")
			err := (&Run{Command: tt.command}).Run(context.Background(), engine(podmantest.New(t, calls...).Client(), stdio, h, &Globals{}), stdio)
			stderr := strings.ReplaceAll(errb.String()+errText(err), h.Home, "HOME")
			if stderr != tt.want || exitCode(err) != tt.code {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", exitCode(err), stderr, tt.code, tt.want)
			}
			if got := strings.ReplaceAll(out.String(), h.Home, "HOME"); got != tt.stdout {
				t.Errorf("stdout %q, want %q", got, tt.stdout)
			}
			if tt.after != nil {
				tt.after(t, h)
			}
		})
	}
}

// TestRunParsed runs `toolbox run` as parsed by kong.
func TestRunParsed(t *testing.T) {
	tests := []struct {
		args  []string
		calls func(h *host.Host) []call
		tty   bool
		want  string
	}{
		{[]string{"run", "-c", "box", "ls", "-la"}, func(h *host.Host) []call {
			return []call{running("box"), {Args: execArgv(h, "box", h.Home, true, "ls", "-la")}}
		}, false, ""},
		{[]string{"run", "--preserve-fds", "3", "--", "readlink", "-c"}, func(h *host.Host) []call {
			a := execArgv(h, defaultCtr, h.Home, true, "readlink", "-c")
			a = append(a[:5], append([]string{"--preserve-fds", "3"}, a[5:]...)...)
			return []call{running(defaultCtr), {Args: a}}
		}, false, ""},
		{[]string{"run", "true"}, func(h *host.Host) []call {
			a := execArgv(h, defaultCtr, h.Home, true, "true")
			a = append(a[:5], append([]string{"--tty"}, a[5:]...)...)
			return []call{running(defaultCtr), {Args: a}}
		}, true, ""},
		{[]string{"run", "-d", "foo", "true"}, nil, false, "Error: invalid argument for '--distro'\nDistribution foo is unsupported.\n" + hint},
		{[]string{"run", "--release=-3", "true"}, nil, false, "Error: invalid argument for '--release'\nThe release must be a positive integer.\n" + hint},
		{[]string{"run", "-d", "rhel", "true"}, nil, false, "Error: option '--release' is needed\nDistribution rhel doesn't match the host.\n" + hint},
		{[]string{"run", "-c", "ßpeci@l.N@m€", "true"}, nil, false,
			"Error: invalid argument for '--container'\nContainer names must match '[a-zA-Z0-9][a-zA-Z0-9_.-]*'.\n" + hint},
		{[]string{"run", "-c", "other", "true"}, func(*host.Host) []call { return []call{noSuchCtr(inspectCtr("other"))} }, false,
			"Error: container other not found\nUse the 'create' command to create a Toolbx.\n" + hint},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			cli, _, err := parse(t, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			h := testHost(t, fedora39, nil)
			initialized(t, h, 42)
			var calls []call
			if tt.calls != nil {
				calls = tt.calls(h)
			}
			stdio, _, errb := testIO("")
			stdio.InTTY, stdio.OutTTY = tt.tty, tt.tty
			err = cli.Run.Run(context.Background(), engine(podmantest.New(t, calls...).Client(), stdio, h, &Globals{}), stdio)
			if got := errb.String() + errText(err); got != tt.want {
				t.Errorf("stderr:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestRunNeedsHostLink(t *testing.T) {
	h := testHost(t, fedora39, nil)
	if err := os.Remove(filepath.Join(h.Root, "run", "host")); err != nil {
		t.Fatal(err)
	}
	stdio, _, _ := testIO("")
	err := (&Run{Command: []string{"true"}}).Run(context.Background(), engine(podmantest.New(t).Client(), stdio, h, &Globals{}), stdio)
	if !strings.Contains(errText(err), "/run/host does not exist") {
		t.Errorf("error %q, want one about /run/host", errText(err))
	}
}

// TestRunWithoutWorkingDirectory: from a directory deleted under the
// shell, run and enter say so and run nothing, rather than run the
// command elsewhere; create, which needs the binary's path, says when it
// cannot find it.
func TestRunWithoutWorkingDirectory(t *testing.T) {
	h := testHost(t, fedora39, nil)
	h.Cwd, h.CwdErr = "", errors.New("failed to get the working directory: getwd: no such file or directory")
	stdio, _, _ := testIO("")
	pm := podmantest.New(t).Client() // no podman call at all
	ctx := context.Background()
	want := "Error: failed to get the working directory: getwd: no such file or directory\n"
	if err := (&Run{Command: []string{"ls"}}).Run(ctx, engine(pm, stdio, h, &Globals{}), stdio); errText(err) != want || exitCode(err) != 1 {
		t.Errorf("run: %q (exit %d), want %q", errText(err), exitCode(err), want)
	}
	if err := (&Enter{}).Run(ctx, engine(pm, stdio, h, &Globals{}), stdio); errText(err) != want {
		t.Errorf("enter: %q, want %q", errText(err), want)
	}
	h.ExecutableErr = errors.New("failed to resolve absolute path to the executable: x")
	if err := (&Create{Name: []string{"box"}}).Run(ctx, engine(pm, stdio, h, &Globals{}), stdio); errText(err) != "Error: "+h.ExecutableErr.Error()+"\n" {
		t.Errorf("create: %q", errText(err))
	}
}
