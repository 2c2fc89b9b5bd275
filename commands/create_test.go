package commands

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/toolbx-go/toolbox/podman/podmantest"
)

// byArgv answers podman from a map keyed by the space-joined argv; `podman
// create` gets create, whatever its argv (the golden tests cover it).
func byArgv(t *testing.T, answers map[string]call, create call) *podmantest.Runner {
	return podmantest.NewFunc(t, func(a []string) call {
		if a[0] == "create" {
			return create
		}
		c, ok := answers[strings.Join(a, " ")]
		if !ok {
			t.Errorf("unexpected podman %q", a)
			return call{Exit: 125}
		}
		return c
	})
}

func TestCreate(t *testing.T) {
	f39Local := `[{"Id": "` + idA + `", "Names": ["` + f39 + `"]}]`
	found := map[string]call{
		"container exists " + defaultCtr:           {Exit: 1},
		"image exists localhost/fedora-toolbox:39": {Exit: 1},
		"image exists " + f39:                      {},
		strings.Join(inspectImg(f39), " "):         {Stdout: f39Local},
	}
	with := func(m map[string]call, k string, c call) map[string]call {
		m = maps(m)
		m[k] = c
		return m
	}
	tests := []struct {
		name    string
		cmd     Create
		yes     bool
		answers map[string]call
		create  call
		verbs   string // the podman verbs run, when not the default
		stdout  string
		stderr  string
		bug     string
	}{
		{name: "default", answers: found, verbs: "container,image,image,inspect,create",
			stdout: "Created container: " + defaultCtr + "\nEnter with: toolbox enter\n"},
		{name: "named", cmd: Create{Name: []string{"box"}}, answers: with(found, "container exists box", call{Exit: 1}),
			verbs: "container,image,image,inspect,create", stdout: "Created container: box\nEnter with: toolbox enter box\n"},
		{name: "--container", cmd: Create{ContainerFlag: "custom-containerName"}, answers: with(found, "container exists custom-containerName", call{Exit: 1}),
			verbs: "container,image,image,inspect,create", stdout: "Created container: custom-containerName\nEnter with: toolbox enter custom-containerName\n"},
		{name: "distro and image", cmd: Create{Distro: "fedora", Image: "x"},
			stderr: "Error: options --distro and --image cannot be used together\n" + hint},
		{name: "image and release", cmd: Create{Image: "x", Release: "34"},
			stderr: "Error: options --image and --release cannot be used together\n" + hint},
		{name: "authfile missing", cmd: Create{AuthFile: "/nonexistent/auth.json"},
			stderr: "Error: file /nonexistent/auth.json not found\n'podman login' can be used to create the file.\n" + hint},
		{name: "invalid CONTAINER", cmd: Create{Name: []string{"ßpeci@l.N@m€"}},
			stderr: "Error: invalid argument for 'CONTAINER'\nContainer names must match '[a-zA-Z0-9][a-zA-Z0-9_.-]*'.\n" + hint},
		{name: "invalid --container", cmd: Create{ContainerFlag: "ßpeci@l.N@m€"},
			stderr: "Error: invalid argument for '--container'\nContainer names must match '[a-zA-Z0-9][a-zA-Z0-9_.-]*'.\n" + hint},
		{name: "bad distro", cmd: Create{Distro: "foo"}, stderr: "Error: invalid argument for '--distro'\nDistribution foo is unsupported.\n" + hint},
		{name: "already exists", answers: map[string]call{"container exists " + defaultCtr: {}},
			stderr: "Error: container " + defaultCtr + " already exists\nEnter with: toolbox enter\n" + hint},
		{name: "already exists, named", cmd: Create{Name: []string{"box"}}, answers: map[string]call{"container exists box": {}},
			stderr: "Error: container box already exists\nEnter with: toolbox enter box\n" + hint},
		{name: "image not local, no -y", cmd: Create{Image: "foo.org/bar"}, answers: map[string]call{
			"container exists bar": {Exit: 1}, "image exists foo.org/bar": {Exit: 1}},
			stderr: "Error: image required to create Toolbx container.\nUse option '--assumeyes' to download the image.\n" + hint},
		{name: "pull fails", cmd: Create{Image: "foo.org/bar"}, yes: true, answers: map[string]call{
			"container exists bar": {Exit: 1}, "image exists foo.org/bar": {Exit: 1}, "pull --quiet foo.org/bar": {Exit: 125}},
			stderr: "Error: failed to pull image foo.org/bar\nIf it was a private image, log in with: podman login foo.org\n" +
				"Use 'toolbox --verbose ...' for further details.\n"},
		{name: "unknown short image", cmd: Create{Image: "my-image"}, answers: map[string]call{
			"container exists my-image": {Exit: 1}, "image exists localhost/my-image": {Exit: 1}},
			stderr: "Error: image my-image not found in local storage and known registries\n"},
		{name: "podman create fails", answers: found, create: call{Exit: 125, Stderr: "Error: boom"},
			stderr: "Error: failed to create container " + defaultCtr + "\n"},
		{name: "name taken meanwhile", answers: found, create: call{Exit: 125, Stderr: `Error: the container name "x" is already in use`},
			stderr: "Error: container " + defaultCtr + " already exists\nEnter with: toolbox enter\n" + hint},
		{name: "name from image is invalid", cmd: Create{Image: "ßpeci@l.N@m€"},
			stderr: "Error: invalid argument for '--image'\nContainer name ßpeci@l.N@m€ generated from image is invalid.\n" +
				"Container names must match '[a-zA-Z0-9][a-zA-Z0-9_.-]*'.\n" + hint},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.bug != "" {
				t.Skip("BUG: " + tt.bug)
			}
			h := testHost(t, fedora39, nil)
			r := byArgv(t, tt.answers, tt.create)
			stdio, out, errb := testIO("")
			err := tt.cmd.Run(context.Background(), r.Client(), stdio, h, &Globals{AssumeYes: tt.yes})
			if got := errb.String() + errText(err); got != tt.stderr || out.String() != tt.stdout {
				t.Errorf("stdout:\n%s\nstderr:\n%s\nwant stdout:\n%s\nstderr:\n%s", out, got, tt.stdout, tt.stderr)
			}
			if tt.stderr != "" && exitCode(err) != 1 {
				t.Errorf("exit %d, want 1", exitCode(err))
			}
			if tt.verbs != "" {
				var verbs []string
				for _, c := range r.Calls() {
					verbs = append(verbs, c[0])
				}
				if got := strings.Join(verbs, ","); got != tt.verbs {
					t.Errorf("podman verbs %s, want %s", got, tt.verbs)
				}
			}
		})
	}
}

func maps(m map[string]call) map[string]call {
	c := make(map[string]call, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// TestCreateOptions checks what toolbox asks podman create for.
func TestCreateOptions(t *testing.T) {
	h := testHost(t, fedora39, map[string]string{"TOOLBX_FAIL_ENTRY_POINT": "1"})
	writeFile(t, filepath.Join(h.Root, "etc", "profile.d", "toolbox.sh"), "")
	o, err := createOptions(h, "box", f39)
	if err != nil {
		t.Fatal(err)
	}
	rt := h.Getenv("XDG_RUNTIME_DIR")
	for _, want := range [][]string{
		{"TOOLBOX_PATH=/usr/bin/toolbox", "XDG_RUNTIME_DIR=" + rt, "TOOLBX_FAIL_ENTRY_POINT=1"},
		{"/:/run/host:rslave", h.Home + ":" + h.Home + ":rslave", "/usr/bin/toolbox:/usr/bin/toolbox:ro",
			rt + ":" + rt, "/etc/profile.d/toolbox.sh:/etc/profile.d/toolbox.sh:ro"},
	} {
		for _, w := range want {
			if !slices.Contains(o.Env, w) && !slices.Contains(o.Volumes, w) {
				t.Errorf("%q missing from env %q and volumes %q", w, o.Env, o.Volumes)
			}
		}
	}
	wantCmd := []string{"toolbox", "--log-level", "debug", "init-container", "--gid", "1000", "--home", h.Home,
		"--shell", "/bin/bash", "--uid", "1000", "--user", "user"}
	if o.Name != "box" || o.Image != f39 || o.UserNS != "keep-id" || !o.PullNever || !slices.Equal(o.Command, wantCmd) {
		t.Errorf("options %+v", o)
	}
	// Root is not tested: createOptions then makes /run/toolbox outside h.Root.
}
