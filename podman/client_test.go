package podman_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toolbx-go/toolbox/podman"
	"github.com/toolbx-go/toolbox/podman/podmantest"
)

type call = podmantest.Call

func args(a ...string) []string { return a }

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestErrorMapping checks that podman's exit codes become the sentinels
// commands branch on, and that the *podman.Error stays reachable. Exit 125
// is every failure of inspect and start, so only its message tells "no
// such" apart: the stderr here is what podman prints.
func TestErrorMapping(t *testing.T) {
	ctx := context.Background()
	inspectCtr := args("inspect", "--format", "json", "--type", "container", "--", "a")
	inspectImg := args("inspect", "--format", "json", "--type", "image", "--", "i")
	tests := []struct {
		name string
		c    call
		do   func(*podman.Client) error
		want error // a sentinel, or nil for none of them
		bug  string
	}{
		{name: "rm 1 not found", c: call{Args: args("rm", "--", "a"), Exit: 1}, do: func(pm *podman.Client) error { return pm.RemoveContainer(ctx, "a", false) }, want: podman.ErrNotFound},
		{name: "rm 2 running", c: call{Args: args("rm", "--", "a"), Exit: 2}, do: func(pm *podman.Client) error { return pm.RemoveContainer(ctx, "a", false) }, want: podman.ErrRunning},
		{name: "rm 125 other", c: call{Args: args("rm", "--force", "--", "a"), Exit: 125}, do: func(pm *podman.Client) error { return pm.RemoveContainer(ctx, "a", true) }},
		{name: "rmi 1 not found", c: call{Args: args("rmi", "--", "i"), Exit: 1}, do: func(pm *podman.Client) error { return pm.RemoveImage(ctx, "i", false) }, want: podman.ErrNotFound},
		{name: "rmi 2 in use", c: call{Args: args("rmi", "--force", "--", "i"), Exit: 2}, do: func(pm *podman.Client) error { return pm.RemoveImage(ctx, "i", true) }, want: podman.ErrInUse},
		// podman 4 and 5; podman 3 said "Error: error inspecting object: no such container a".
		{name: "inspect container 125 no such", c: call{Args: inspectCtr, Exit: 125, Stderr: "Error: inspecting object: no such container a\n"},
			do: func(pm *podman.Client) error { _, err := pm.InspectContainer(ctx, "a"); return err }, want: podman.ErrNotFound},
		{name: "inspect container 125 short", c: call{Args: inspectCtr, Exit: 125, Stderr: "Error: no such container a\n"},
			do: func(pm *podman.Client) error { _, err := pm.InspectContainer(ctx, "a"); return err }, want: podman.ErrNotFound},
		{name: "inspect container 125 other", c: call{Args: inspectCtr, Exit: 125, Stderr: "Error: database is locked\n"},
			do: func(pm *podman.Client) error { _, err := pm.InspectContainer(ctx, "a"); return err }},
		{name: "inspect container 125 no stderr", c: call{Args: inspectCtr, Exit: 125},
			do: func(pm *podman.Client) error { _, err := pm.InspectContainer(ctx, "a"); return err }},
		{name: "inspect image 125 no such", c: call{Args: inspectImg, Exit: 125, Stderr: "Error: no such image i\n"},
			do: func(pm *podman.Client) error { _, err := pm.InspectImage(ctx, "i"); return err }, want: podman.ErrNotFound},
		// podman 4 and 5 (libimage's LookupImage, through cmd/podman/inspect).
		{name: "inspect image 125 image not known", c: call{Args: inspectImg, Exit: 125, Stderr: "Error: inspecting object: i: image not known\n"},
			do: func(pm *podman.Client) error { _, err := pm.InspectImage(ctx, "i"); return err }, want: podman.ErrNotFound},
		{name: "inspect image 125 other", c: call{Args: inspectImg, Exit: 125, Stderr: "Error: database is locked\n"},
			do: func(pm *podman.Client) error { _, err := pm.InspectImage(ctx, "i"); return err }},
		{name: "inspect empty list", c: call{Args: inspectCtr, Stdout: "[]"},
			do: func(pm *podman.Client) error { _, err := pm.InspectContainer(ctx, "a"); return err }, want: podman.ErrNotFound},
		{name: "start 125 no such", c: call{Args: args("start", "--", "a"), Exit: 125, Stderr: `Error: no container with name or ID "a" found: no such container` + "\n"},
			do: func(pm *podman.Client) error { return pm.StartContainer(ctx, "a") }, want: podman.ErrNotFound},
		{name: "start 125 other", c: call{Args: args("start", "--", "a"), Exit: 125, Stderr: "Error: unable to start container \"a\": cgroup v1 is not supported\n"},
			do: func(pm *podman.Client) error { return pm.StartContainer(ctx, "a") }},
		// A bind mount source or the entry point missing: the container is there.
		{name: "start 125 missing file", c: call{Args: args("start", "--", "a"), Exit: 125,
			Stderr: "Error: unable to start container \"a\": crun: executable file `toolbox` not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found\n"},
			do: func(pm *podman.Client) error { return pm.StartContainer(ctx, "a") }},
		{name: "stop 125 no such", c: call{Args: args("stop", "--", "a"), Exit: 125, Stderr: `Error: no container with name or ID "a" found: no such container` + "\n"},
			do: func(pm *podman.Client) error { return pm.StopContainer(ctx, "a") }, want: podman.ErrNotFound},
		{name: "stop 125 other", c: call{Args: args("stop", "--", "a"), Exit: 125, Stderr: "Error: database is locked\n"},
			do: func(pm *podman.Client) error { return pm.StopContainer(ctx, "a") }},
		{name: "stop --filter 125", c: call{Args: args("stop", "--filter", "label=l=true", "--filter", `name=^a\.b$`, "--"), Exit: 125},
			do: func(pm *podman.Client) error { _, err := pm.StopLabelled(ctx, "a.b", "l"); return err }},
		{name: "pull", c: call{Args: args("pull", "--quiet", "--", "foo.org/bar"), Exit: 125}, do: func(pm *podman.Client) error {
			return pm.Pull(ctx, "foo.org/bar", podman.PullOptions{Quiet: true})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.bug != "" {
				t.Skip("BUG: " + tt.bug)
			}
			pm := podmantest.New(t, tt.c).Client()
			err := tt.do(pm)
			if err == nil {
				t.Fatal("no error")
			}
			for _, s := range []error{podman.ErrNotFound, podman.ErrInUse, podman.ErrRunning} {
				if got := errors.Is(err, s); got != (s == tt.want) {
					t.Errorf("errors.Is(%v, %v) = %v", err, s, got)
				}
			}
			var pe *podman.Error
			if tt.c.Exit != 0 && (!errors.As(err, &pe) || pe.ExitCode != tt.c.Exit) {
				t.Errorf("%v does not wrap *podman.Error with exit %d", err, tt.c.Exit)
			}
		})
	}
}

func TestCreateContainerErrors(t *testing.T) {
	opts := podman.CreateOptions{Name: "a", Image: "img", Hostname: "toolbx", UserNS: "keep-id"}
	var argv []string
	podmantest.NewFunc(t, func(a []string) call { argv = a; return call{} }).Client().CreateContainer(context.Background(), opts)
	tests := []struct {
		stderr string
		want   error
	}{
		{`Error: creating container storage: the container name "a" is already in use by 7276a3029a9c.`, podman.ErrInUse},
		{"Error: localhost/img: image not known", podman.ErrNotFound},
		{"Error: no such image", podman.ErrNotFound},
		{"Error: something else", nil},
	}
	for _, tt := range tests {
		pm := podmantest.New(t, call{Args: argv, Exit: 125, Stderr: tt.stderr}).Client()
		_, err := pm.CreateContainer(context.Background(), opts)
		for _, s := range []error{podman.ErrNotFound, podman.ErrInUse} {
			if got := errors.Is(err, s); got != (s == tt.want) {
				t.Errorf("stderr %q: errors.Is(%v, %v) = %v", tt.stderr, err, s, got)
			}
		}
	}
	pm := podmantest.New(t, call{Args: argv, Stdout: "7276a3029a9c\n"}).Client()
	if id, err := pm.CreateContainer(context.Background(), opts); id != "7276a3029a9c" || err != nil {
		t.Errorf("CreateContainer = %q, %v", id, err)
	}
}

func TestExists(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		exit    int
		want    bool
		wantErr bool
	}{{0, true, false}, {1, false, false}, {125, false, true}} {
		pm := podmantest.New(t, call{Args: args("container", "exists", "--", "a"), Exit: tt.exit}).Client()
		ok, err := pm.ContainerExists(ctx, "a")
		if ok != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("exit %d: ContainerExists = %v, %v", tt.exit, ok, err)
		}
	}
}

func TestExecExitCodes(t *testing.T) {
	opts := podman.ExecOptions{Container: "c", Command: []string{"true"}}
	argv := args("exec", "--detach-keys", "", "--", "c", "true")
	for _, code := range []int{0, 1, 2, 125, 126, 127, 255} {
		pm := podmantest.New(t, call{Args: argv, Exit: code}).Client()
		if got, err := pm.Exec(context.Background(), opts); got != code || err != nil {
			t.Errorf("exit %d: Exec = %d, %v", code, got, err)
		}
	}
	pm := podmantest.New(t, call{Args: argv, Err: podman.ErrNotInstalled}).Client()
	if _, err := pm.Exec(context.Background(), opts); !errors.Is(err, podman.ErrNotInstalled) {
		t.Errorf("podman missing: Exec err = %v", err)
	}
}

func TestListAndVersion(t *testing.T) {
	ctx := context.Background()
	r := podmantest.New(t,
		call{Args: args("ps", "--all", "--format", "json"), Stdout: readFixture(t, "ps-4.3.json")},
		call{Args: args("images", "--format", "json"), Stdout: readFixture(t, "images-4.3.json")},
		call{Args: args("version", "--format", "json"), Stdout: readFixture(t, "version-4.3.json")},
		call{Args: args("ps", "--all", "--format", "json"), Stdout: "not json"},
		call{Args: args("version", "--format", "json"), Stdout: "{}"},
	)
	pm := podman.New(r, "debug")
	if ctrs, err := pm.ListContainers(ctx); err != nil || len(ctrs) != 1 || ctrs[0].Name() != "fxc" {
		t.Errorf("ListContainers = %+v, %v", ctrs, err)
	}
	if imgs, err := pm.ListImages(ctx); err != nil || len(imgs) != 1 || imgs[0].Names[0] != "localhost/fixture:1" {
		t.Errorf("ListImages = %+v, %v", imgs, err)
	}
	if v, err := pm.Version(ctx); v != "4.3.1" || err != nil {
		t.Errorf("Version = %q, %v", v, err)
	}
	if _, err := pm.ListContainers(ctx); err == nil || !strings.Contains(err.Error(), "decode") {
		t.Errorf("bad JSON: err = %v", err)
	}
	if got := r.LogLevels(); !slices.Equal(got, []string{"debug", "debug", "debug", "debug"}) {
		t.Errorf("log levels passed to podman: %q", got)
	}
	if podman.New(r, "").Version(ctx); r.LogLevels()[4] != "error" {
		t.Errorf("empty log level became %q, want error", r.LogLevels()[4])
	}
}

// TestListImagesOncePerID: podman 4.3 lists an image once per name, each
// entry with all of them (fixture from podman 4.3.1, an image tagged
// twice); toolbox wants each image once.
func TestListImagesOncePerID(t *testing.T) {
	r := podmantest.New(t, call{Args: args("images", "--format", "json"), Stdout: readFixture(t, "images-4.3-two-names.json")})
	imgs, err := podman.New(r, "error").ListImages(context.Background())
	if err != nil || len(imgs) != 1 || !slices.Equal(imgs[0].Names, []string{"localhost/fixture:1", "localhost/fixture:copy"}) {
		t.Errorf("ListImages = %+v, %v; want the image once, with both names", imgs, err)
	}
}

func TestLogsAndPullArgs(t *testing.T) {
	since := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	pm := podmantest.New(t,
		call{Args: args("logs", "--since", "2026-11-27T12:00:00Z", "--", "c"), Stdout: "level=info msg=x\n"},
		call{Args: args("logs", "--", "c")},
		call{Args: args("pull", "--authfile", "/a.json", "--", "r.io/i:1")},
	).Client()
	var out strings.Builder
	if err := pm.Logs(context.Background(), "c", since, &out); err != nil || out.String() != "level=info msg=x\n" {
		t.Errorf("Logs = %q, %v", out.String(), err)
	}
	if err := pm.Logs(context.Background(), "c", time.Time{}, &out); err != nil {
		t.Error(err)
	}
	if err := pm.Pull(context.Background(), "r.io/i:1", podman.PullOptions{AuthFile: "/a.json"}); err != nil {
		t.Error(err)
	}
}
