package commands

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/podman/podmantest"
)

// toolbxImageJSON is `podman inspect --type image` output for a Toolbx image.
func toolbxImageJSON(name string) string {
	return `[{"Id": "` + idA + `", "Names": ["` + name + `"], "Labels": {"com.github.containers.toolbox": "true"}}]`
}

// TestPodmanCalls pins how many times each command runs podman in its
// common case, since every podman process costs tens of milliseconds:
// a change that adds one fails here. The fake is lenient; each case says
// which state the container is in.
func TestPodmanCalls(t *testing.T) {
	const box = "box"
	tests := []struct {
		name  string
		cmd   any // a command struct, built by hand
		setup func(t *testing.T, h *host.Host)
		// running is the container's state before the command, as podman
		// reports it; a start makes it run with entry point PID 43.
		running bool
		calls   string // the podman verbs, in order ("|" between concurrent ones)
		// again runs the command a second time, which then makes againCalls.
		again      bool
		againCalls string
	}{
		{name: "run, known, running and initialised", cmd: &Run{Container: box, Command: []string{"true"}},
			setup: func(t *testing.T, h *host.Host) { knownReady(t, h, box, 42) }, running: true, calls: "exec"},
		{name: "enter, known, running and initialised", cmd: &Enter{Name: []string{box}},
			setup: func(t *testing.T, h *host.Host) { knownReady(t, h, box, 42) }, running: true, calls: "exec"},
		{name: "run, not seen before, running and initialised", cmd: &Run{Container: box, Command: []string{"true"}},
			setup: func(t *testing.T, h *host.Host) { runningEntryPoint(t, h, box, 42) }, running: true, calls: "inspect,exec",
			again: true, againCalls: "exec"},
		{name: "enter, not seen before, running and initialised", cmd: &Enter{Name: []string{box}},
			setup: func(t *testing.T, h *host.Host) { runningEntryPoint(t, h, box, 42) }, running: true, calls: "inspect,exec"},
		{name: "run, known, stopped", cmd: &Run{Container: box, Command: []string{"true"}},
			setup: func(t *testing.T, h *host.Host) { knownPID(t, h, box, 42) }, calls: "start,exec"},
		{name: "enter, known, stopped", cmd: &Enter{Name: []string{box}},
			setup: func(t *testing.T, h *host.Host) { knownPID(t, h, box, 42) }, calls: "start,exec"},
		{name: "create from a local image", cmd: &Create{Image: f39}, calls: "create"},
		// Toolbx's order: localhost/fedora-toolbox:39 is tried first.
		{name: "create, default image local under its registry's name", cmd: &Create{}, calls: "create,create"},
		// The first list asks podman where the image store is (once) and
		// lists the images; later ones find the store unchanged.
		{name: "list", cmd: &List{}, setup: imageStore, calls: "info,images|ps", again: true, againCalls: "ps"},
		{name: "rm NAME", cmd: &Rm{Containers: []string{box}}, calls: "inspect,rm"},
		{name: "rmi NAME", cmd: &Rmi{Images: []string{f39}}, calls: "inspect,rmi"},
		{name: "stop NAME", cmd: &Stop{Containers: []string{box}}, running: true, calls: "stop"},
		// A container that stops by itself costs its sessions no more.
		{name: "run, known, running, stops by itself", cmd: &Run{Container: box, Command: []string{"true"}},
			setup:   func(t *testing.T, h *host.Host) { knownReady(t, h, box, 42); sessionsFile(t, h, box, 42, false) },
			running: true, calls: "exec"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := testHost(t, fedora39, nil)
			if tt.setup != nil {
				tt.setup(t, h)
			}
			r := fakePodman(t, h, tt.running)
			if got := podmanVerbs(t, h, r, tt.cmd); got != tt.calls {
				t.Errorf("podman %s (%d calls), want %s (%d calls)", got, count(got), tt.calls, count(tt.calls))
			}
			if !tt.again {
				return
			}
			r = fakePodman(t, h, true)
			if got := podmanVerbs(t, h, r, tt.cmd); got != tt.againCalls {
				t.Errorf("second time: podman %s, want %s", got, tt.againCalls)
			}
		})
	}
}

// fakePodman answers every verb the commands use for one Toolbx container
// and one Toolbx image, which is local under its registry's name only. A start leaves the readiness stamp
// for the new entry point, as init-container would.
func fakePodman(t *testing.T, h *host.Host, running bool) *podmantest.Runner {
	pid := 0
	if running {
		pid = 42
	}
	return podmantest.NewFunc(t, func(a []string) call {
		switch a[0] {
		case "create":
			if img := createdImage(a); strings.HasPrefix(img, "localhost/") {
				return imageNotKnown(img)
			}
		case "start":
			running, pid = true, 43
			entryPoint(t, h, a[len(a)-1], pid)
			if err := os.WriteFile(stampPath(h, pid), nil, 0o644); err != nil {
				t.Error(err)
			}
		case "inspect":
			if a[4] == "image" {
				return call{Stdout: toolbxImageJSON(a[6])}
			}
			return call{Stdout: inspectJSON(ctr{name: a[6], label: true, running: running, pid: pid})}
		case "ps":
			return call{Stdout: psJSON(ctr{name: "box", label: true, running: running, pid: pid})}
		case "stop":
			// By label: podman prints the ID of what it stopped.
			return call{Stdout: ctrID("box") + "\n"}
		case "images":
			return call{Stdout: imagesJSON([]any{idA, true, f39})}
		case "info":
			return infoCall(h)
		}
		return call{}
	})
}

// podmanVerbs runs cmd and returns the podman verbs it ran; list's
// concurrent ones are sorted and joined with "|".
func podmanVerbs(t *testing.T, h *host.Host, r *podmantest.Runner, cmd any) string {
	t.Helper()
	ctx, pm := context.Background(), r.Client()
	stdio, _, errb := testIO("")
	var err error
	switch c := cmd.(type) {
	case *Run:
		err = c.Run(ctx, engine(pm, stdio, h, &Globals{}), stdio)
	case *Enter:
		err = c.Run(ctx, engine(pm, stdio, h, &Globals{}), stdio)
	case *Create:
		err = c.Run(ctx, engine(pm, stdio, h, &Globals{}), stdio)
	case *List:
		err = c.Run(ctx, engine(pm, stdio, h, nil), stdio)
	case *Rm:
		err = c.Run(ctx, engine(pm, stdio, testHost(t, fedora39, nil), nil), stdio)
	case *Rmi:
		err = c.Run(ctx, engine(pm, stdio, testHost(t, fedora39, nil), nil), stdio)
	case *Stop:
		err = c.Run(ctx, engine(pm, stdio, h, nil), stdio)
	default:
		t.Fatalf("no way to run %T", cmd)
	}
	if err != nil || errb.Len() != 0 {
		t.Fatalf("%T: %v, stderr %q", cmd, err, errb)
	}
	got := verbs(r)
	if _, ok := cmd.(*List); ok {
		// ps runs concurrently with info and images, in any order.
		rest := strings.ReplaceAll(strings.ReplaceAll(","+got+",", ",ps,", ","), ",,", ",")
		if rest = strings.Trim(rest, ","); rest != "" {
			return rest + "|ps"
		}
	}
	return got
}

func count(verbs string) int {
	return len(strings.FieldsFunc(verbs, func(r rune) bool { return r == ',' || r == '|' }))
}

// imageStore makes the image store's index that infoCall points to.
func imageStore(t *testing.T, h *host.Host) {
	writeFile(t, h.Path("/var/lib/containers/storage/overlay-images/images.json"), "[]")
}
