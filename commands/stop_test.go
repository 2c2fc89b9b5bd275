package commands

import (
	"context"
	"testing"

	"github.com/toolbx-go/toolbox/podman/podmantest"
)

// byLabel is the stop that matches container name only if it has Toolbx's
// label; stopped says whether one did.
func byLabel(name string, stopped bool) call {
	c := call{Args: argv("stop", "--filter", "label=com.github.containers.toolbox=true", "--filter", "name=^"+name+"$", "--")}
	if stopped {
		c.Stdout = ctrID(name) + "\n"
	}
	return c
}

func TestStop(t *testing.T) {
	toolbx := inspectJSON(ctr{name: "a", label: true, running: true})
	ps := psJSON(ctr{name: "a", label: true, running: true}, ctr{name: "busy", running: true},
		ctr{name: "b", label: true}, ctr{name: "c", label: true, running: true})
	tests := []removal{
		{name: "missing argument", err: "Error: missing argument for \"stop\"\n" + hint, code: 1},
		{name: "stopped", args: []string{"a"}, calls: []call{byLabel("a", true)}},
		// A name by its ID, or with the label of before the rename.
		{name: "other name or label", args: []string{"a"}, calls: []call{byLabel("a", false),
			{Args: inspectCtr("a"), Stdout: toolbx}, {Args: argv("stop", "--", "a")}}},
		{name: "not a Toolbx container", args: []string{"busy"}, calls: []call{byLabel("busy", false),
			{Args: inspectCtr("busy"), Stdout: inspectJSON(ctr{name: "busy", running: true})}},
			stderr: "Error: busy is not a Toolbx container\n", code: 1},
		{name: "no such container", args: []string{"x"}, calls: []call{byLabel("x", false), noSuchCtr(inspectCtr("x"))},
			stderr: "Error: failed to inspect container x\n", code: 1},
		{name: "gone meanwhile", args: []string{"a"}, calls: []call{byLabel("a", false), {Args: inspectCtr("a"), Stdout: toolbx},
			{Args: argv("stop", "--", "a"), Exit: 125, Stderr: `Error: no container with name or ID "a" found: no such container` + "\n"}},
			stderr: "Error: container a not found\n", code: 1},
		{name: "podman failed", args: []string{"a"}, calls: []call{
			{Args: byLabel("a", false).Args, Exit: 125, Stderr: "Error: database is locked\n"}, {Args: inspectCtr("a"), Stdout: toolbx},
			{Args: argv("stop", "--", "a"), Exit: 125, Stderr: "Error: database is locked\n"}},
			stderr: "Error: failed to stop container a\npodman: database is locked\n", code: 1},
		// Every one is tried, and the failures come in the order given.
		{name: "each reported", args: []string{"x", "a", "busy"}, calls: []call{
			byLabel("x", false), noSuchCtr(inspectCtr("x")), byLabel("a", true), byLabel("busy", false),
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
