package commands

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/podman/podmantest"
)

// createArgv runs `toolbox create` as parsed from args and returns the
// argv of its podman create, or the error as main prints it.
func createArgv(t *testing.T, h *host.Host, args ...string) ([]string, string) {
	t.Helper()
	cli, _, err := parse(t, append([]string{"create", "-i", f39}, args...)...)
	if err != nil {
		t.Fatal(err)
	}
	var created []string
	r := podmantest.NewFunc(t, func(a []string) call {
		if a[0] == "create" {
			created = a
		}
		return call{}
	})
	stdio, _, _ := testIO("")
	err = cli.Create.Run(context.Background(), engine(r.Client(), stdio, h, &Globals{}), stdio)
	return created, errText(err)
}

// hasArgs says whether argv holds want as consecutive arguments.
func hasArgs(argv []string, want ...string) bool {
	for i := range argv {
		if i+len(want) <= len(argv) && slices.Equal(argv[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

// TestCreateCustom: --hostname, --volume and --auto-stop reach podman
// create; without them its argv is Toolbx's.
func TestCreateCustom(t *testing.T) {
	h := testHost(t, fedora39, map[string]string{"TOOLBX_AUTO_STOP_GRACE": "2"})
	mkdir(t, h.Path("/srv/data"))
	mkdir(t, h.Path(filepath.Join(h.Cwd, "src")))
	argv, errs := createArgv(t, h, "--hostname", "box.example", "--volume", "/srv/data:/data:ro,rslave",
		"--volume", "src:/src", "--auto-stop", "box")
	if errs != "" {
		t.Fatal(errs)
	}
	for _, want := range [][]string{
		{"--hostname", "box.example"},
		{"--volume", "/srv/data:/data:ro,rslave"},
		{"--volume", filepath.Join(h.Cwd, "src") + ":/src"},
		{"--env", "TOOLBX_AUTO_STOP=2"},
	} {
		if !hasArgs(argv, want...) {
			t.Errorf("no %q in %q", want, argv)
		}
	}
	plain, _ := createArgv(t, h, "box")
	if !hasArgs(plain, "--hostname", "toolbx") || slices.ContainsFunc(plain, func(a string) bool { return strings.HasPrefix(a, "TOOLBX_AUTO_STOP") }) {
		t.Errorf("a plain create differs from Toolbx's: %q", plain)
	}
}

// TestCreateAutoStopConfig: auto_stop in toolbox.conf is the default,
// which --no-auto-stop overrides; a value that is no boolean is a parse
// error.
func TestCreateAutoStopConfig(t *testing.T) {
	h := testHost(t, fedora39, nil)
	writeFile(t, filepath.Join(h.Home, ".config/containers/toolbox.conf"), "[general]\nauto_stop = true\n")
	hasAutoStop := func(argv []string) bool { return hasArgs(argv, "--env", "TOOLBX_AUTO_STOP=5") }
	if argv, errs := createArgv(t, h, "box"); errs != "" || !hasAutoStop(argv) {
		t.Errorf("auto_stop = true: %q %s", argv, errs)
	}
	if argv, errs := createArgv(t, h, "--no-auto-stop", "box"); errs != "" || hasAutoStop(argv) {
		t.Errorf("--no-auto-stop: %q %s", argv, errs)
	}
	writeFile(t, filepath.Join(h.Home, ".config/containers/toolbox.conf"), "[general]\nauto_stop = \"sometimes\"\n")
	if _, errs := createArgv(t, h, "box"); !strings.HasPrefix(errs, "Error: failed to parse file ") {
		t.Errorf("a bad auto_stop: %q", errs)
	}
}

// TestCreateRefused: a bad --volume or --hostname is refused before
// podman runs at all.
func TestCreateRefused(t *testing.T) {
	h := testHost(t, fedora39, nil)
	mkdir(t, h.Path("/srv/data"))
	usage := func(arg, why string) string {
		return "Error: invalid argument for '" + arg + "'\n" + why + "\n" + hint
	}
	home := strings.TrimPrefix(h.Home, h.Root)
	h.Home = home // as the host sees it: the recipe mounts it
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--volume", "/srv/data"}, usage("--volume", "Volumes must be SOURCE:DESTINATION[:OPTIONS].")},
		{[]string{"--volume", "/srv/data:/a:ro:x"}, usage("--volume", "Volumes must be SOURCE:DESTINATION[:OPTIONS].")},
		{[]string{"--volume", "/srv/nope:/data"}, usage("--volume", "Source /srv/nope of volume /srv/nope:/data not found.")},
		{[]string{"--volume", "/srv/data:data"}, usage("--volume", "Destination data of volume /srv/data:data is not an absolute path.")},
		{[]string{"--volume", "/srv/data:/run/host/x"}, usage("--volume", "Volume /srv/data:/run/host/x would cover /run/host, which Toolbx itself sets up.")},
		{[]string{"--volume", "/srv/data:/usr"}, usage("--volume", "Volume /srv/data:/usr would cover /usr/bin/toolbox, which Toolbx itself sets up.")},
		{[]string{"--volume", "/srv/data:" + home}, usage("--volume", "Volume /srv/data:"+home+" would cover "+home+", which Toolbx itself sets up.")},
		{[]string{"--volume", "/srv/data:/etc"}, usage("--volume", "Volume /srv/data:/etc would cover /etc/hosts, which Toolbx itself sets up.")},
		{[]string{"--volume", "/srv/data:/a", "--volume", "/srv/data:/a/"}, usage("--volume", "Destination /a is given more than once.")},
		{[]string{"--volume", "/srv/data:/a:ro,rw"}, usage("--volume", "Option rw of volume /srv/data:/a:ro,rw conflicts with an earlier one.")},
		{[]string{"--volume", "/srv/data:/a:exec=1"}, usage("--volume", "Option exec=1 of volume /srv/data:/a:exec=1 is not one of podman's: "+
			"rw, ro, z, Z, shared, rshared, slave, rslave, private, rprivate, unbindable, runbindable, bind, rbind, copy, nocopy, dev, nodev, exec, noexec, suid, nosuid, O, U, idmap.")},
		{[]string{"--hostname", "-box"}, usage("--hostname", "Hostnames must be dot-separated labels of letters, digits and '-', at most 64 characters.")},
		{[]string{"--hostname", "a..b"}, usage("--hostname", "Hostnames must be dot-separated labels of letters, digits and '-', at most 64 characters.")},
		{[]string{"--hostname", strings.Repeat("a", 65)}, usage("--hostname", "Hostnames must be dot-separated labels of letters, digits and '-', at most 64 characters.")},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			cli, _, err := parse(t, append(append([]string{"create", "-i", f39}, tt.args...), "box")...)
			if err != nil {
				t.Fatal(err)
			}
			stdio, _, _ := testIO("")
			err = cli.Create.Run(context.Background(), engine(podmantest.New(t).Client(), stdio, h, &Globals{}), stdio)
			if got := errText(err); got != tt.want || exitCode(err) != 1 {
				t.Errorf("got (exit %d):\n%s\nwant:\n%s", exitCode(err), got, tt.want)
			}
		})
	}
}

// TestRunEnvWorkdir: --env adds to the preserved variables, after them,
// with the host's value for a bare name; --workdir replaces the current
// directory and, when missing, is an error with no fallback to $HOME.
func TestRunEnvWorkdir(t *testing.T) {
	h := testHost(t, fedora39, map[string]string{"FROM_HOST": "a b", "TERM": "xterm"})
	initialized(t, h, 42)
	// The preserved variables (TERM, XDG_RUNTIME_DIR), then --env's.
	ok := execArgv(h, "box", "/srv", true, "env")
	i := slices.Index(ok, "--interactive")
	ok = slices.Concat(ok[:3], []string{"--env=TERM=xterm"}, ok[3:i],
		[]string{"--env=A=1,2", "--env=FROM_HOST=a b", "--env=TERM=dumb"}, ok[i:])
	cli, _, err := parse(t, "run", "-c", "box", "--env", "A=1,2", "--env", "FROM_HOST", "--env", "UNSET",
		"--env", "TERM=dumb", "--workdir", "/srv", "env")
	if err != nil {
		t.Fatal(err)
	}
	stdio, _, errb := testIO("")
	r := podmantest.New(t, running("box"), call{Args: ok})
	if err := cli.Run.Run(context.Background(), engine(r.Client(), stdio, h, &Globals{}), stdio); err != nil || errb.Len() != 0 {
		t.Fatalf("%v %s", err, errb)
	}

	h = testHost(t, fedora39, nil)
	initialized(t, h, 42)
	missing := execArgv(h, "box", "/nope", true, "pwd")
	r = podmantest.New(t, running("box"), call{Args: missing, Exit: 127}, call{Args: probeArgv("box", `test -d "$1"`, "/nope"), Exit: 1})
	err = (&Run{Container: "box", Workdir: "/nope", Command: []string{"pwd"}}).Run(context.Background(), engine(r.Client(), stdio, h, &Globals{}), stdio)
	if got := errb.String() + errText(err); got != "Error: directory /nope not found in container box\n" || exitCode(err) != 127 {
		t.Errorf("missing --workdir: %q, exit %d", got, exitCode(err))
	}
}
