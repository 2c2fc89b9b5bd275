package podman_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/toolbx-go/toolbox/podman"
	"github.com/toolbx-go/toolbox/podman/podmantest"
)

// TestNamesNeverReadAsOptions calls every verb that takes a container or
// image name with names that podman would read as its own options:
// `podman rm -l` removes the latest container, `-a` every one. Each must
// reach podman only after "--".
func TestNamesNeverReadAsOptions(t *testing.T) {
	ctx := context.Background()
	verbs := map[string]func(pm *podman.Client, name string){
		"inspect container": func(pm *podman.Client, n string) { _, _ = pm.InspectContainer(ctx, n) },
		"inspect image":     func(pm *podman.Client, n string) { _, _ = pm.InspectImage(ctx, n) },
		"container exists":  func(pm *podman.Client, n string) { _, _ = pm.ContainerExists(ctx, n) },
		"start":             func(pm *podman.Client, n string) { _ = pm.StartContainer(ctx, n) },
		"stop":              func(pm *podman.Client, n string) { _ = pm.StopContainer(ctx, n) },
		"stop --filter":     func(pm *podman.Client, n string) { _, _ = pm.StopLabelled(ctx, n, podman.LabelToolbx) },
		"rm":                func(pm *podman.Client, n string) { _ = pm.RemoveContainer(ctx, n, false) },
		"rm --force":        func(pm *podman.Client, n string) { _ = pm.RemoveContainer(ctx, n, true) },
		"rmi":               func(pm *podman.Client, n string) { _ = pm.RemoveImage(ctx, n, false) },
		"rmi --force":       func(pm *podman.Client, n string) { _ = pm.RemoveImage(ctx, n, true) },
		"logs":              func(pm *podman.Client, n string) { _ = pm.Logs(ctx, n, time.Now(), &bytes.Buffer{}) },
		"pull":              func(pm *podman.Client, n string) { _ = pm.Pull(ctx, n, podman.PullOptions{}) },
		"exec": func(pm *podman.Client, n string) {
			_, _ = pm.Exec(ctx, podman.ExecOptions{Container: n, User: "u", Command: []string{"true"}})
		},
		"create (image)": func(pm *podman.Client, n string) {
			_, _ = pm.CreateContainer(ctx, podman.CreateOptions{Name: "box", Image: n, Command: []string{"toolbox"}})
		},
	}
	for verb, call := range verbs {
		for _, name := range []string{"-l", "--latest", "-a", "--all", "-fa", "-"} {
			r := podmantest.NewFunc(t, nil)
			call(r.Client(), name)
			for _, argv := range r.Calls() {
				end := slices.Index(argv, "--")
				for i, a := range argv {
					if a == name && (end < 0 || i < end) {
						t.Errorf("%s %q: podman %q reads the name as an option", verb, name, argv)
					}
				}
				if end < 0 {
					t.Errorf("%s %q: podman %q has no \"--\"", verb, name, argv)
				}
			}
		}
	}
}
