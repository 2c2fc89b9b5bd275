package commands

import (
	"context"
	"strings"
	"testing"

	"github.com/toolbx-go/toolbox/podman/podmantest"
)

// TestRunOffersToCreate covers `run` when its container is missing: only
// the default container, with no Toolbx containers at all, is offered for
// creation, and only on a terminal or with -y.
func TestRunOffersToCreate(t *testing.T) {
	const def = "fedora-toolbox-39"
	notFound := func(name string) string {
		return "Error: container " + name + " not found\nUse the 'create' command to create a Toolbx.\n" + hint
	}
	offer := "No Toolbx containers found. Create now? [y/N] "
	one := `[{"Id": "1", "Names": ["other"], "Labels": {"com.github.containers.toolbox": "true"}}]`
	tests := []struct {
		name     string
		cmd      Run
		terminal bool
		yes      bool
		stdin    string
		ps       string
		verbs    string
		stdout   string
		stderr   string
		code     int
	}{
		{name: "a named container", cmd: Run{Container: "box"}, terminal: true, yes: true,
			verbs: "inspect", stderr: notFound("box"), code: 1},
		{name: "another release", cmd: Run{Release: "38"}, terminal: true, yes: true,
			verbs: "inspect", stderr: notFound("fedora-toolbox-38"), code: 1},
		{name: "no terminal, no -y: no question", verbs: "inspect", stderr: notFound(def), code: 1},
		{name: "other containers exist", yes: true, ps: one, verbs: "inspect,ps", stderr: notFound(def), code: 1},
		{name: "declined", terminal: true, stdin: "n\n", ps: "[]", verbs: "inspect,ps",
			stdout: offer + "A container can be created later with the 'create' command.\n" + hint, code: 1},
		// After creating, the new container is inspected; here that fails.
		{name: "-y creates", yes: true, ps: "[]", verbs: "inspect,ps,create,inspect",
			stderr: "Error: failed to inspect container " + def + "\npodman: database is locked\n", code: 1},
		{name: "yes creates", terminal: true, stdin: "y\n", ps: "[]", verbs: "inspect,ps,create,inspect",
			stdout: offer, stderr: "Error: failed to inspect container " + def + "\npodman: database is locked\n", code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inspected := 0
			r := podmantest.NewFunc(t, func(a []string) call {
				switch a[0] {
				case "inspect":
					if inspected++; inspected == 1 {
						return call{Exit: 125, Stderr: "Error: no such container " + a[len(a)-1] + "\n"}
					}
					return call{Exit: 125, Stderr: "Error: database is locked\n"}
				case "ps":
					return call{Stdout: tt.ps}
				}
				return call{}
			})
			stdio, out, errb := testIO(tt.stdin)
			stdio.InTTY, stdio.OutTTY = tt.terminal, tt.terminal
			tt.cmd.Command = []string{"true"}
			err := tt.cmd.Run(context.Background(), engine(r.Client(), stdio, testHost(t, fedora39, nil), &Globals{AssumeYes: tt.yes}), stdio)
			if got := errb.String() + errText(err); got != tt.stderr || out.String() != tt.stdout || exitCode(err) != tt.code {
				t.Errorf("exit %d, stdout %q, stderr %q\nwant exit %d, stdout %q, stderr %q",
					exitCode(err), out, got, tt.code, tt.stdout, tt.stderr)
			}
			var verbs []string
			for _, c := range r.Calls() {
				verbs = append(verbs, c[0])
			}
			if got := strings.Join(verbs, ","); got != tt.verbs {
				t.Errorf("podman verbs %s, want %s", got, tt.verbs)
			}
		})
	}
}
