package commands

import (
	"context"
	"strings"
	"testing"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/podman/podmantest"
)

func TestEnter(t *testing.T) {
	noneFound := "No Toolbx containers found. Create now? [y/N] "
	later := "A container can be created later with the 'create' command.\n" + hint
	enter := func(name string) func(h *host.Host) []call {
		return func(h *host.Host) []call {
			return []call{running(name), {Args: execArgv(h, name, h.Home, false, "/bin/bash", "-l")}}
		}
	}
	tests := []struct {
		name   string
		cmd    Enter
		stdin  string
		calls  func(h *host.Host) []call
		setup  func(t *testing.T, h *host.Host)
		stdout string
		stderr string // and the returned error
		code   int
	}{
		{name: "default exists", calls: enter(defaultCtr)},
		{name: "by name", cmd: Enter{Name: []string{"box"}}, calls: enter("box")},
		{name: "by --container", cmd: Enter{ContainerFlag: "box"}, calls: enter("box")},
		{name: "known and ready: no inspect", setup: func(t *testing.T, h *host.Host) { knownReady(t, h, defaultCtr, 42) },
			calls: func(h *host.Host) []call {
				return []call{{Args: execArgv(h, defaultCtr, h.Home, false, "/bin/bash", "-l")}}
			}},
		{name: "known, removed since, one other", setup: func(t *testing.T, h *host.Host) { knownPID(t, h, defaultCtr, 41) },
			calls: func(h *host.Host) []call {
				return append([]call{noSuchCtr(argv("start", "--", defaultCtr)), {Args: psAll, Stdout: psJSON(ctr{name: "other", label: true})}},
					enter("other")(h)...)
			}, stderr: "Error: container " + defaultCtr + " not found\nEntering container other instead.\n" +
				"Use the 'create' command to create a different Toolbx.\n" + hint},
		{name: "none, answer no", stdin: "n\n", calls: func(*host.Host) []call {
			return []call{noSuchCtr(inspectCtr(defaultCtr)), {Args: psAll, Stdout: psJSON(ctr{name: "busy"})}}
		}, stdout: noneFound + later},
		{name: "none, empty answer", stdin: "\n", calls: func(*host.Host) []call {
			return []call{noSuchCtr(inspectCtr(defaultCtr)), {Args: psAll, Stdout: "[]"}}
		}, stdout: noneFound + later},
		{name: "none, asked again", stdin: "maybe\nNO\n", calls: func(*host.Host) []call {
			return []call{noSuchCtr(inspectCtr(defaultCtr)), {Args: psAll, Stdout: "[]"}}
		}, stdout: noneFound + noneFound + later},
		{name: "none, named", cmd: Enter{Name: []string{"box"}}, stdin: "n\n", calls: func(*host.Host) []call {
			return []call{noSuchCtr(inspectCtr("box")), {Args: psAll, Stdout: "[]"}}
		}, stdout: noneFound + later},
		{name: "one other", calls: func(h *host.Host) []call {
			return append([]call{noSuchCtr(inspectCtr(defaultCtr)), {Args: psAll, Stdout: psJSON(ctr{name: "other", label: true})}},
				enter("other")(h)...)
		}, stderr: "Error: container " + defaultCtr + " not found\nEntering container other instead.\n" +
			"Use the 'create' command to create a different Toolbx.\n" + hint},
		{name: "two others", calls: func(*host.Host) []call {
			return []call{noSuchCtr(inspectCtr(defaultCtr)),
				{Args: psAll, Stdout: psJSON(ctr{name: "first", label: true}, ctr{name: "second", label: true})}}
		}, stderr: "Error: container " + defaultCtr + " not found\nUse the '--container' option to select a Toolbx.\n" + hint, code: 1},
		{name: "named, one other", cmd: Enter{Name: []string{"wrong-container"}}, calls: func(*host.Host) []call {
			return []call{noSuchCtr(inspectCtr("wrong-container")), {Args: psAll, Stdout: psJSON(ctr{name: "other-container", label: true})}}
		}, stderr: "Error: container wrong-container not found\nUse the '--container' option to select a Toolbx.\n" + hint, code: 1},
		{name: "release given, one other", cmd: Enter{Release: "38"}, calls: func(*host.Host) []call {
			return []call{noSuchCtr(inspectCtr("fedora-toolbox-38")), {Args: psAll, Stdout: psJSON(ctr{name: "other", label: true})}}
		}, stderr: "Error: container fedora-toolbox-38 not found\nUse the '--container' option to select a Toolbx.\n" + hint, code: 1},
		{name: "ps failed", calls: func(*host.Host) []call {
			return []call{noSuchCtr(inspectCtr(defaultCtr)), {Args: psAll, Exit: 125}}
		}, stderr: "Error: failed to get containers\npodman exited with status 125\n", code: 1},
		{name: "invalid name", cmd: Enter{Name: []string{"ßpeci@l.N@m€"}},
			stderr: "Error: invalid argument for 'CONTAINER'\nContainer names must match '[a-zA-Z0-9][a-zA-Z0-9_.-]*'.\n" + hint, code: 1},
		{name: "invalid --container", cmd: Enter{ContainerFlag: "-x"},
			stderr: "Error: invalid argument for '--container'\nContainer names must match '[a-zA-Z0-9][a-zA-Z0-9_.-]*'.\n" + hint, code: 1},
		{name: "bad release", cmd: Enter{Distro: "fedora", Release: "foobar"},
			stderr: "Error: invalid argument for '--release'\nThe release must be a positive integer.\n" + hint, code: 1},
		{name: "bad distro", cmd: Enter{Distro: "foo"},
			stderr: "Error: invalid argument for '--distro'\nDistribution foo is unsupported.\n" + hint, code: 1},
		{name: "shell missing", cmd: Enter{Name: []string{"box"}}, calls: func(h *host.Host) []call {
			h.Shell = "/usr/bin/zsh"
			return []call{running("box"),
				{Args: execArgv(h, "box", h.Home, false, "/usr/bin/zsh", "-l"), Exit: 127},
				{Args: probeArgv("box", `test -d "$1"`, h.Home)},
				{Args: probeArgv("box", `command -v "$1"`, "/usr/bin/zsh"), Exit: 1},
				{Args: execArgv(h, "box", h.Home, false, "/bin/bash", "-l")}}
		}, stderr: "Error: command /usr/bin/zsh not found in container box\nUsing /bin/bash instead.\n"},
		{name: "shell exit code", cmd: Enter{Name: []string{"box"}}, calls: func(h *host.Host) []call {
			return []call{running("box"), {Args: execArgv(h, "box", h.Home, false, "/bin/bash", "-l"), Exit: 3}}
		}, code: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := testHost(t, fedora39, nil)
			initialized(t, h, 42)
			if tt.setup != nil {
				tt.setup(t, h)
			}
			var calls []call
			if tt.calls != nil {
				calls = tt.calls(h)
			}
			stdio, out, errb := testIO(tt.stdin)
			err := tt.cmd.Run(context.Background(), engine(podmantest.New(t, calls...).Client(), stdio, h, &Globals{}), stdio)
			if got := errb.String() + errText(err); got != tt.stderr || exitCode(err) != tt.code {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", exitCode(err), got, tt.code, tt.stderr)
			}
			if out.String() != tt.stdout {
				t.Errorf("stdout:\n%q\nwant:\n%q", out, tt.stdout)
			}
		})
	}
}

func TestEnterTerminalEscapes(t *testing.T) {
	h := testHost(t, fedora39, nil)
	initialized(t, h, 42)
	tty := func(a []string) []string { return append(a[:5], append([]string{"--tty"}, a[5:]...)...) }
	a := tty(execArgv(h, "box", h.Home, false, "/bin/bash", "-l"))
	stdio, out, _ := testIO("")
	stdio.InTTY, stdio.OutTTY = true, true
	pm := podmantest.New(t, running("box"), call{Args: a, Stdout: "$ exit\n"}).Client()
	if err := (&Enter{Name: []string{"box"}}).Run(context.Background(), engine(pm, stdio, h, &Globals{}), stdio); err != nil {
		t.Fatal(err)
	}
	want := "\033]777;container;push;box;toolbox;1000\033\\$ exit\n\033]777;container;pop;;;1000\033\\"
	if out.String() != want {
		t.Errorf("stdout %q, want %q", out, want)
	}

	// A fallback to /bin/bash is a second podman exec, with its own pair,
	// as in Toolbx.
	h = testHost(t, fedora39, nil)
	h.Shell = "/usr/bin/zsh"
	initialized(t, h, 42)
	stdio, out, _ = testIO("")
	stdio.InTTY, stdio.OutTTY = true, true
	pm = podmantest.New(t, running("box"), call{Args: tty(execArgv(h, "box", h.Home, false, "/usr/bin/zsh", "-l")), Exit: 127},
		call{Args: probeArgv("box", `test -d "$1"`, h.Home)},
		call{Args: probeArgv("box", `command -v "$1"`, "/usr/bin/zsh"), Exit: 1},
		call{Args: tty(execArgv(h, "box", h.Home, false, "/bin/bash", "-l")), Stdout: "$ exit\n"}).Client()
	if err := (&Enter{Name: []string{"box"}}).Run(context.Background(), engine(pm, stdio, h, &Globals{}), stdio); err != nil {
		t.Fatal(err)
	}
	pair := "\033]777;container;push;box;toolbox;1000\033\\\033]777;container;pop;;;1000\033\\"
	if want := pair + want; out.String() != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
}

// TestEnterCreates answers yes (or -y) to the offer to create the default
// container; podman is lenient here, since create's argv has its own tests.
func TestEnterCreates(t *testing.T) {
	for _, tt := range []struct {
		stdin  string
		yes    bool
		stdout string
	}{{"y\n", false, "No Toolbx containers found. Create now? [y/N] "}, {"", true, ""}} {
		h := testHost(t, fedora39, nil)
		initialized(t, h, 42)
		inspected := 0
		r := podmantest.NewFunc(t, func(a []string) call {
			switch a[0] {
			case "inspect":
				if inspected++; inspected == 1 {
					return noSuchCtr(a)
				}
				return running(defaultCtr)
			case "ps":
				return call{Stdout: "[]"}
			case "create":
				if img := createdImage(a); strings.HasPrefix(img, "localhost/") {
					return imageNotKnown(img)
				}
			}
			return call{}
		})
		stdio, out, errb := testIO(tt.stdin)
		err := (&Enter{}).Run(context.Background(), engine(r.Client(), stdio, h, &Globals{AssumeYes: tt.yes}), stdio)
		if err != nil || out.String() != tt.stdout || errb.Len() != 0 {
			t.Errorf("yes %v: err %v, stdout %q, stderr %q", tt.yes, err, out, errb)
		}
		// The image is local under its registry's name, not localhost/.
		if got := verbs(r); got != "inspect,ps,create,create,inspect,exec" {
			t.Errorf("yes %v: podman verbs %s", tt.yes, got)
		}
		if calls := r.Calls(); len(calls) > 3 && createdImage(calls[3]) != f39 {
			t.Errorf("yes %v: created from %s, want %s", tt.yes, createdImage(calls[3]), f39)
		}
	}
}
