package commands

import (
	"context"
	"testing"

	"github.com/toolbx-go/toolbox/podman/podmantest"
)

func TestStop(t *testing.T) {
	toolbx := inspectJSON(ctr{name: "a", label: true, running: true})
	ps := psJSON(ctr{name: "a", label: true, running: true}, ctr{name: "busy", running: true},
		ctr{name: "b", label: true}, ctr{name: "c", label: true, running: true})
	tests := []removal{
		{name: "missing argument", err: "Error: missing argument for \"stop\"\n" + hint, code: 1},
		{name: "stopped", args: []string{"a"}, calls: []call{{Args: inspectCtr("a"), Stdout: toolbx}, {Args: argv("stop", "--", "a")}}},
		{name: "not a Toolbx container", args: []string{"busy"}, calls: []call{{Args: inspectCtr("busy"), Stdout: inspectJSON(ctr{name: "busy", running: true})}},
			stderr: "Error: busy is not a Toolbx container\n", code: 1},
		{name: "no such container", args: []string{"x"}, calls: []call{noSuchCtr(inspectCtr("x"))},
			stderr: "Error: failed to inspect container x\n", code: 1},
		{name: "gone meanwhile", args: []string{"a"}, calls: []call{{Args: inspectCtr("a"), Stdout: toolbx},
			{Args: argv("stop", "--", "a"), Exit: 125, Stderr: `Error: no container with name or ID "a" found: no such container` + "\n"}},
			stderr: "Error: container a not found\n", code: 1},
		{name: "podman failed", args: []string{"a"}, calls: []call{{Args: inspectCtr("a"), Stdout: toolbx},
			{Args: argv("stop", "--", "a"), Exit: 125, Stderr: "Error: database is locked\n"}},
			stderr: "Error: failed to stop container a\npodman: database is locked\n", code: 1},
		// Every one is tried, and the failures come in the order given.
		{name: "each reported", args: []string{"x", "a", "busy"}, calls: []call{
			noSuchCtr(inspectCtr("x")), {Args: inspectCtr("a"), Stdout: toolbx}, {Args: argv("stop", "--", "a")},
			{Args: inspectCtr("busy"), Stdout: inspectJSON(ctr{name: "busy", running: true})}},
			stderr: "Error: failed to inspect container x\nError: busy is not a Toolbx container\n", code: 1},
		{name: "all: the running Toolbx ones", all: true, calls: []call{{Args: psAll, Stdout: ps},
			{Args: argv("stop", "--", "a")}, {Args: argv("stop", "--", "c")}}},
		{name: "all, none", all: true, calls: []call{{Args: psAll, Stdout: "[]"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdio, out, errb := testIO("")
			r := podmantest.NewUnordered(t, tt.calls...)
			err := (&Stop{All: tt.all, Containers: tt.args}).Run(context.Background(), engine(r.Client(), stdio, testHost(t, fedora39, nil), nil), stdio)
			if errText(err) != tt.err || exitCode(err) != tt.code {
				t.Errorf("returned %q (exit %d), want %q (exit %d)", errText(err), exitCode(err), tt.err, tt.code)
			}
			if errb.String() != tt.stderr || out.Len() != 0 {
				t.Errorf("stderr %q, stdout %q; want stderr %q", errb, out, tt.stderr)
			}
		})
	}
}
