package commands

import (
	"context"
	"testing"

	"github.com/toolbx-go/toolbox/podman"
	"github.com/toolbx-go/toolbox/podman/podmantest"
)

// removal is one rm or rmi case: the podman script, then what the user sees.
type removal struct {
	name       string
	all, force bool
	args       []string
	calls      []call
	stderr     string // printed per item
	err        string // returned, as main prints it
	code       int
}

func checkRemoval(t *testing.T, tt removal, run func(*podman.Client, *IO) error) {
	t.Helper()
	stdio, out, errb := testIO("")
	err := run(podmantest.New(t, tt.calls...).Client(), stdio)
	if errText(err) != tt.err || exitCode(err) != tt.code {
		t.Errorf("returned %q (exit %d), want %q (exit %d)", errText(err), exitCode(err), tt.err, tt.code)
	}
	if errb.String() != tt.stderr || out.Len() != 0 {
		t.Errorf("stderr %q, stdout %q; want stderr %q", errb, out, tt.stderr)
	}
}

func TestRm(t *testing.T) {
	toolbx := inspectJSON(ctr{name: "a", label: true})
	ps := psJSON(ctr{name: "a", label: true}, ctr{name: "busy"}, ctr{name: "b", label: true, running: true})
	tests := []removal{
		{name: "missing argument", err: "Error: missing argument for \"rm\"\n" + hint, code: 1},
		{name: "removed", args: []string{"a"}, calls: []call{{Args: inspectCtr("a"), Stdout: toolbx}, {Args: argv("rm", "--", "a")}}},
		{name: "forced", force: true, args: []string{"a"}, calls: []call{{Args: inspectCtr("a"), Stdout: toolbx}, {Args: argv("rm", "--force", "--", "a")}}},
		{name: "not a Toolbx container", args: []string{"busy"}, calls: []call{{Args: inspectCtr("busy"), Stdout: inspectJSON(ctr{name: "busy"})}},
			stderr: "Error: busy is not a Toolbx container\n", code: 1},
		{name: "no such container", args: []string{"nonexistentcontainer"}, calls: []call{noSuchCtr(inspectCtr("nonexistentcontainer"))},
			stderr: "Error: failed to inspect container nonexistentcontainer\n", code: 1},
		{name: "running", args: []string{"a"}, calls: []call{{Args: inspectCtr("a"), Stdout: toolbx}, {Args: argv("rm", "--", "a"), Exit: 2}},
			stderr: "Error: container a is running\n", code: 1},
		{name: "gone meanwhile", args: []string{"a"}, calls: []call{{Args: inspectCtr("a"), Stdout: toolbx}, {Args: argv("rm", "--", "a"), Exit: 1}},
			stderr: "Error: container a not found\n", code: 1},
		{name: "podman failed", args: []string{"a"}, calls: []call{{Args: inspectCtr("a"), Stdout: toolbx}, {Args: argv("rm", "--", "a"), Exit: 125}},
			stderr: "Error: failed to remove container a\npodman exited with status 125\n", code: 1},
		{name: "all attempted", args: []string{"x", "a"}, calls: []call{
			noSuchCtr(inspectCtr("x")), {Args: inspectCtr("a"), Stdout: toolbx}, {Args: argv("rm", "--", "a")}},
			stderr: "Error: failed to inspect container x\n", code: 1},
		{name: "all", all: true, force: true, calls: []call{{Args: psAll, Stdout: ps},
			{Args: argv("rm", "--force", "--", ctrID("a"))}, {Args: argv("rm", "--force", "--", ctrID("b"))}}},
		{name: "all, one running", all: true, calls: []call{{Args: psAll, Stdout: ps},
			{Args: argv("rm", "--", ctrID("a"))}, {Args: argv("rm", "--", ctrID("b")), Exit: 2}},
			stderr: "Error: container " + ctrID("b") + " is running\n", code: 1},
		{name: "all, none", all: true, calls: []call{{Args: psAll, Stdout: "[]"}}},
		{name: "all, ps failed", all: true, calls: []call{{Args: psAll, Exit: 125}}, err: "Error: failed to get containers\npodman exited with status 125\n", code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRemoval(t, tt, func(pm *podman.Client, stdio *IO) error {
				return (&Rm{All: tt.all, Force: tt.force, Containers: tt.args}).Run(context.Background(), engine(pm, stdio, testHost(t, fedora39, nil), nil), stdio)
			})
		})
	}
}

func TestRmi(t *testing.T) {
	toolbx := `[{"Id": "` + idA + `", "Labels": {"com.github.containers.toolbox": "true"}}]`
	legacy := `[{"Id": "` + idA + `", "Config": {"Labels": {"com.github.debarshiray.toolbox": "true"}}}]`
	images := imagesJSON([]any{idA, true, f39, f39 + "-copy"}, []any{idB, true}, []any{"cccc", false, "busybox"})
	tests := []removal{
		{name: "missing argument", err: "Error: missing argument for \"rmi\"\n" + hint, code: 1},
		{name: "removed", args: []string{f39}, calls: []call{{Args: inspectImg(f39), Stdout: toolbx}, {Args: argv("rmi", "--", f39)}}},
		{name: "legacy label, forced", force: true, args: []string{f39}, calls: []call{{Args: inspectImg(f39), Stdout: legacy}, {Args: argv("rmi", "--force", "--", f39)}}},
		{name: "not a Toolbx image", args: []string{"busybox"}, calls: []call{{Args: inspectImg("busybox"), Stdout: `[{"Id": "cccc"}]`}},
			stderr: "Error: busybox is not a Toolbx image\n", code: 1},
		{name: "no such image", args: []string{"x"}, calls: []call{{Args: inspectImg("x"), Exit: 125, Stderr: "Error: inspecting object: x: image not known\n"}},
			stderr: "Error: failed to inspect image x\n", code: 1},
		{name: "in use", args: []string{f39}, calls: []call{{Args: inspectImg(f39), Stdout: toolbx}, {Args: argv("rmi", "--", f39), Exit: 2}},
			stderr: "Error: image " + f39 + " has dependent children\n", code: 1},
		{name: "gone meanwhile", args: []string{f39}, calls: []call{{Args: inspectImg(f39), Stdout: toolbx}, {Args: argv("rmi", "--", f39), Exit: 1}},
			stderr: "Error: image " + f39 + " not found\n", code: 1},
		{name: "podman failed", args: []string{f39}, calls: []call{{Args: inspectImg(f39), Stdout: toolbx}, {Args: argv("rmi", "--", f39), Exit: 125}},
			stderr: "Error: failed to remove image " + f39 + "\npodman exited with status 125\n", code: 1},
		{name: "all attempted", args: []string{"x", f39}, calls: []call{
			{Args: inspectImg("x"), Exit: 125, Stderr: "Error: inspecting object: x: image not known\n"}, {Args: inspectImg(f39), Stdout: toolbx}, {Args: argv("rmi", "--", f39)}},
			stderr: "Error: failed to inspect image x\n", code: 1},
		{name: "all", all: true, calls: []call{{Args: imagesArgs, Stdout: images}, {Args: argv("rmi", "--", idA)}, {Args: argv("rmi", "--", idB)}}},
		{name: "all, none", all: true, calls: []call{{Args: imagesArgs, Stdout: "[]"}}},
		{name: "all, images failed", all: true, calls: []call{{Args: imagesArgs, Exit: 125}}, err: "Error: failed to get images\npodman exited with status 125\n", code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRemoval(t, tt, func(pm *podman.Client, stdio *IO) error {
				return (&Rmi{All: tt.all, Force: tt.force, Images: tt.args}).Run(context.Background(), engine(pm, stdio, testHost(t, fedora39, nil), nil), stdio)
			})
		})
	}
}
