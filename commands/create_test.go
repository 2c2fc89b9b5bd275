package commands

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toolbx-go/toolbox/podman/podmantest"
)

// byArgv answers podman from a map keyed by the space-joined argv, but
// `podman create` by "create IMAGE" (the golden tests cover its argv). A
// key asked for a second time is answered from "KEY again" when there is
// one.
func byArgv(t *testing.T, answers map[string]call) *podmantest.Runner {
	asked := map[string]bool{}
	return podmantest.NewFunc(t, func(a []string) call {
		key := strings.Join(a, " ")
		if a[0] == "create" {
			key = "create " + createdImage(a)
		}
		c, ok := answers[key]
		if again, ok2 := answers[key+" again"]; ok2 && asked[key] {
			c = again
		}
		asked[key] = true
		if !ok {
			t.Errorf("unexpected podman %q", a)
			return call{Exit: 125}
		}
		return c
	})
}

// createdImage is the image of a `podman create` argv: the argument before
// the entry point, toolbox --log-level debug init-container.
func createdImage(a []string) string {
	for i := 1; i+1 < len(a); i++ {
		if a[i] == "toolbox" && a[i+1] == "--log-level" {
			return a[i-1]
		}
	}
	return ""
}

// imageNotKnown is how `podman create --pull never` fails on an image
// that is not in local storage.
func imageNotKnown(image string) call {
	return call{Exit: 125, Stderr: "Error: " + image + ": image not known\n"}
}

// nameInUse is how `podman create` fails on a name that is taken.
func nameInUse(name string) call {
	return call{Exit: 125, Stderr: `Error: creating container storage: the container name "` + name +
		`" is already in use by 7276a3029a9c. You have to remove that container to be able to reuse that name: that name is already in use` + "\n"}
}

func TestCreate(t *testing.T) {
	const f39Local = "localhost/fedora-toolbox:39"
	// The default image, local under its registry's name.
	found := map[string]call{"create " + f39Local: imageNotKnown(f39Local), "create " + f39: {}}
	with := func(m map[string]call, kv ...any) map[string]call {
		m = maps(m)
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1].(call)
		}
		return m
	}
	notLocal := map[string]call{"create foo.org/bar": imageNotKnown("foo.org/bar"), "container exists -- bar": {Exit: 1}}
	tests := []struct {
		name    string
		cmd     Create
		yes     bool
		answers map[string]call
		verbs   string // the podman verbs run, when not the default
		stdout  string
		stderr  string
		bug     string
	}{
		{name: "default", answers: found, verbs: "create,create",
			stdout: "Created container: " + defaultCtr + "\nEnter with: toolbox enter\n"},
		{name: "named", cmd: Create{Name: []string{"box"}}, answers: found,
			verbs: "create,create", stdout: "Created container: box\nEnter with: toolbox enter box\n"},
		{name: "--container", cmd: Create{ContainerFlag: "custom-containerName"}, answers: found,
			verbs: "create,create", stdout: "Created container: custom-containerName\nEnter with: toolbox enter custom-containerName\n"},
		{name: "local under localhost/", cmd: Create{Image: "my-image"}, answers: map[string]call{"create localhost/my-image": {}},
			verbs: "create", stdout: "Created container: my-image\nEnter with: toolbox enter my-image\n"},
		{name: "image ID", cmd: Create{Image: "aaaaaaaaaaaa"}, answers: map[string]call{"create aaaaaaaaaaaa": {}},
			verbs: "create", stdout: "Created container: aaaaaaaaaaaa\nEnter with: toolbox enter aaaaaaaaaaaa\n"},
		{name: "fully qualified, local", cmd: Create{Image: "foo.org/bar"}, answers: map[string]call{"create foo.org/bar": {}},
			verbs: "create", stdout: "Created container: bar\nEnter with: toolbox enter bar\n"},
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
		{name: "already exists", answers: with(found, "create "+f39, nameInUse(defaultCtr)), verbs: "create,create",
			stderr: "Error: container " + defaultCtr + " already exists\nEnter with: toolbox enter\n" + hint},
		{name: "already exists, named", cmd: Create{Name: []string{"box"}}, answers: with(found, "create "+f39, nameInUse("box")),
			stderr: "Error: container box already exists\nEnter with: toolbox enter box\n" + hint},
		{name: "already exists, image not local", cmd: Create{Image: "foo.org/bar"}, answers: with(notLocal, "container exists -- bar", call{}),
			verbs: "create,container", stderr: "Error: container bar already exists\nEnter with: toolbox enter bar\n" + hint},
		{name: "image not local, no -y", cmd: Create{Image: "foo.org/bar"}, answers: notLocal, verbs: "create,container",
			stderr: "Error: image required to create Toolbx container.\nUse option '--assumeyes' to download the image.\n" + hint},
		{name: "pulled", cmd: Create{Image: "foo.org/bar"}, yes: true, answers: with(notLocal,
			"pull --quiet -- foo.org/bar", call{}, "create foo.org/bar again", call{}),
			verbs: "create,container,pull,create", stdout: "Created container: bar\nEnter with: toolbox enter bar\n"},
		{name: "pulled, name taken meanwhile", cmd: Create{Image: "foo.org/bar"}, yes: true, answers: with(notLocal,
			"pull --quiet -- foo.org/bar", call{}, "create foo.org/bar again", nameInUse("bar")),
			verbs: "create,container,pull,create", stderr: "Error: container bar already exists\nEnter with: toolbox enter bar\n" + hint},
		{name: "pull fails", cmd: Create{Image: "foo.org/bar"}, yes: true, answers: with(notLocal, "pull --quiet -- foo.org/bar", call{Exit: 125}),
			verbs: "create,container,pull",
			stderr: "Error: failed to pull image foo.org/bar\nIf it was a private image, log in with: podman login foo.org\n" +
				"Use 'toolbox --verbose ...' for further details.\n"},
		{name: "unknown short image", cmd: Create{Image: "my-image"}, answers: map[string]call{
			"create localhost/my-image": imageNotKnown("localhost/my-image"), "container exists -- my-image": {Exit: 1}},
			verbs: "create,container", stderr: "Error: image my-image not found in local storage and known registries\n"},
		{name: "localhost image missing", cmd: Create{Image: "localhost/foo"}, answers: map[string]call{
			"create localhost/foo": imageNotKnown("localhost/foo"), "container exists -- foo": {Exit: 1}},
			verbs: "create,container", stderr: "Error: image localhost/foo not found in local storage\n"},
		{name: "podman create fails", answers: with(found, "create "+f39, call{Exit: 125, Stderr: "Error: boom"}),
			verbs: "create,create", stderr: "Error: failed to create container " + defaultCtr + "\npodman: boom\n"},
		{name: "podman create fails on the first candidate", answers: with(found, "create "+f39Local, call{Exit: 125, Stderr: "Error: boom"}),
			verbs: "create", stderr: "Error: failed to create container " + defaultCtr + "\npodman: boom\n"},
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
			r := byArgv(t, tt.answers)
			stdio, out, errb := testIO("")
			err := tt.cmd.Run(context.Background(), engine(r.Client(), stdio, h, &Globals{AssumeYes: tt.yes}), stdio)
			if got := errb.String() + errText(err); got != tt.stderr || out.String() != tt.stdout {
				t.Errorf("stdout:\n%s\nstderr:\n%s\nwant stdout:\n%s\nstderr:\n%s", out, got, tt.stdout, tt.stderr)
			}
			if tt.stderr != "" && exitCode(err) != 1 {
				t.Errorf("exit %d, want 1", exitCode(err))
			}
			if got := verbs(r); tt.verbs != "" && got != tt.verbs {
				t.Errorf("podman verbs %s, want %s", got, tt.verbs)
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

// TestCreateForgetsEntryPoint: a name toolbox remembers may have been
// freed behind its back (podman rename) while that container still runs;
// the new container of that name must not be taken for it.
func TestCreateForgetsEntryPoint(t *testing.T) {
	h := testHost(t, fedora39, nil)
	knownReady(t, h, "box", 42)
	pm := podmantest.NewFunc(t, func(a []string) call { return call{} }).Client()
	stdio, _, _ := testIO("")
	if err := (&Create{Name: []string{"box"}, Image: "localhost/img:1"}).Run(context.Background(), engine(pm, stdio, h, &Globals{}), stdio); err != nil {
		t.Fatal(err)
	}
	if pid, _ := cachedEntryPoint(h, "box"); pid != 0 {
		t.Errorf("still remembers PID %d for box", pid)
	}
}

// TestCreateBadImage: an image podman would refuse is refused before any
// podman call, naming the image and the reason.
func TestCreateBadImage(t *testing.T) {
	for image, reason := range map[string]string{
		"UPPER/Case":                         "repository name must be lowercase",
		"a b":                                "invalid reference format",
		"x:y:z":                              "invalid reference format",
		"foo@sha256:":                        "invalid reference format",
		"foo@md5:" + strings.Repeat("0", 32): "unsupported digest algorithm",
	} {
		h := testHost(t, fedora39, nil)
		stdio, _, _ := testIO("")
		err := (&Create{Name: []string{"box"}, Image: image}).Run(context.Background(), engine(podmantest.New(t).Client(), stdio, h, &Globals{}), stdio)
		want := "Error: invalid argument for '--image'\nImage " + image + " is not a valid reference: " + reason + ".\n" +
			"Images are named [DOMAIN/]NAME[:TAG][@DIGEST], in lower case.\n" + hint
		if errText(err) != want {
			t.Errorf("--image %q:\n%s\nwant:\n%s", image, errText(err), want)
		}
	}
	h := testHost(t, fedora39, nil)
	writeFile(t, filepath.Join(h.ConfigDir(), "containers", "toolbox.conf"), "[general]\nimage = \"Bad/Image\"\n")
	stdio, _, _ := testIO("")
	err := (&Create{Name: []string{"box"}}).Run(context.Background(), engine(podmantest.New(t).Client(), stdio, h, &Globals{}), stdio)
	if !strings.HasPrefix(errText(err), "Error: invalid value for 'image' in toolbox.conf\nImage Bad/Image is not a valid reference") {
		t.Errorf("toolbox.conf's image: %q", errText(err))
	}
}
