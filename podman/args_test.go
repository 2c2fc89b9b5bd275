package podman

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// checkGolden compares argv, one argument a line, with testdata/NAME.golden.
func checkGolden(t *testing.T, name string, argv []string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	got := strings.Join(argv, "\n") + "\n"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./podman -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the argv (go test ./podman -update rewrites it)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

var initCommand = []string{
	"toolbox", "--log-level", "debug", "init-container",
	"--gid", "1000", "--home", "/home/user", "--shell", "/bin/bash",
	"--uid", "1000", "--user", "user",
}

func TestCreateArgs(t *testing.T) {
	tests := []struct {
		name string
		opts CreateOptions
	}{
		{"create-rootless", CreateOptions{
			Name: "fedora-toolbox-39", Image: "registry.fedoraproject.org/fedora-toolbox:39",
			Hostname: "toolbx", UserNS: "keep-id", PullNever: true,
			Env: []string{"TOOLBOX_PATH=/usr/bin/toolbox", "XDG_RUNTIME_DIR=/run/user/1000"},
			Volumes: []string{
				"/:/run/host:rslave", "/dev:/dev:rslave", "/home/user:/home/user:rslave",
				"/usr/bin/toolbox:/usr/bin/toolbox:ro", "/run/user/1000:/run/user/1000",
			},
			Command: append(initCommand, "--media-link"),
		}},
		{"create-root", CreateOptions{
			Name: "rhel-toolbox-8.10", Image: "registry.access.redhat.com/ubi8/toolbox:8.10",
			Hostname: "toolbx", UserNS: "host",
			Env:     []string{"TOOLBOX_PATH=/usr/bin/toolbox"},
			Volumes: []string{"/:/run/host:rslave", "/run/toolbox:/run/toolbox"},
			Command: []string{"toolbox", "--log-level", "debug", "init-container", "--uid", "0", "--user", "root"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkGolden(t, tt.name, tt.opts.args()) })
	}
}

func TestExecArgs(t *testing.T) {
	// What commands.execOptions wraps the user's command in.
	wrap := []string{"bash", "--login", "-c", `exec "$@"`, "bash"}
	tests := []struct {
		name string
		opts ExecOptions
	}{
		{"exec-rootless", ExecOptions{
			Container: "fedora-toolbox-39", Env: []string{"TERM=xterm-256color", "HOME=/home/user"},
			Interactive: true, TTY: true, User: "user", Workdir: "/home/user/src",
			Command: append(wrap, "ls", "-la"),
		}},
		{"exec-root", ExecOptions{
			Container: "rhel-toolbox-8.10", Interactive: true, PreserveFDs: 3,
			User: "root", Workdir: "/root", Command: append(wrap, "readlink", "/proc/self/fd/5"),
		}},
		{"exec-probe", ExecOptions{
			Container: "fedora-toolbox-39", User: "user",
			Command: []string{"sh", "-c", `test -d "$1"`, "sh", "/var/tmp/gone"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkGolden(t, tt.name, tt.opts.args()) })
	}
}
