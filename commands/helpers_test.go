package commands

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/kong"

	"github.com/toolbx-go/toolbox/podman/podmantest"
)

type call = podmantest.Call

const fedora39 = "NAME=Fedora\nID=fedora\nVERSION_ID=39\n"

// testHost is a host whose file system is a temporary directory with
// osRelease as /etc/os-release, /run/host linked to it, and env as the
// environment (XDG_RUNTIME_DIR defaults to ROOT/run/user/1000).
func testHost(t *testing.T, osRelease string, env map[string]string) *Host {
	t.Helper()
	root := t.TempDir()
	home := filepath.Join(root, "home", "user")
	for _, d := range []string{"etc", "run", home} {
		mkdir(t, filepath.Join(root, d))
	}
	if !filepath.IsAbs(home) {
		t.Fatal("home is not absolute")
	}
	writeFile(t, filepath.Join(root, "etc", "os-release"), osRelease)
	if err := os.Symlink("../", filepath.Join(root, "run", "host")); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"XDG_RUNTIME_DIR": filepath.Join(root, "run", "user", "1000")}
	for k, v := range env {
		vars[k] = v
	}
	return &Host{
		User: "user", UID: 1000, GID: 1000, Home: home, Shell: "/bin/bash",
		Executable: "/usr/bin/toolbox", Cwd: home, Root: root,
		LookupEnv: func(k string) (string, bool) { v, ok := vars[k]; return v, ok },
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	mkdir(t, filepath.Dir(path))
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// testIO returns IO on buffers, with stdin reading in.
func testIO(in string) (*IO, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &IO{In: strings.NewReader(in), Out: &out, Err: &errb}, &out, &errb
}

// parse runs args through the real grammar; kong must never exit.
func parse(t *testing.T, args ...string) (*CLI, *Parsed, error) {
	t.Helper()
	var cli CLI
	stdio, _, _ := testIO("")
	parsed, err := Parse(&cli, stdio, args, kong.Exit(func(code int) { t.Fatalf("kong exited with %d", code) }))
	return &cli, parsed, err
}

// errText is what main prints for err: "Error: " + message, or "" when
// err carries only an exit code.
func errText(err error) string {
	if err == nil || err.Error() == "" {
		return ""
	}
	return "Error: " + err.Error() + "\n"
}

// exitCode is the code main exits with for err.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var coder kong.ExitCoder
	if errors.As(err, &coder) {
		return coder.ExitCode()
	}
	return 1
}

// ctr describes a container for the JSON helpers.
type ctr struct {
	name    string
	running bool
	pid     int
	label   bool
	cmd0    string // "toolbox" when empty
}

func (c ctr) fields() map[string]any {
	labels := map[string]string{}
	if c.label {
		labels["com.github.containers.toolbox"] = "true"
	}
	state := "exited"
	if c.running {
		state = "running"
	}
	cmd0 := c.cmd0
	if cmd0 == "" {
		cmd0 = "toolbox"
	}
	return map[string]any{
		"Id": ctrID(c.name), "Name": c.name, "Names": []string{c.name},
		"Created": time.Now().Add(-72 * time.Hour).Unix(), "Labels": labels, "State": state, "Pid": c.pid,
		"Image":  "registry.fedoraproject.org/fedora-toolbox:39",
		"Config": map[string]any{"Cmd": []string{cmd0, "--log-level", "debug", "init-container"}, "Labels": labels},
	}
}

// ctrID is a stable 64-hex ID for a container name.
func ctrID(name string) string {
	sum := sha256.Sum256([]byte(name))
	return hex.EncodeToString(sum[:])
}

// psJSON is `podman ps --format json` output for ctrs.
func psJSON(ctrs ...ctr) string {
	list := []map[string]any{}
	for _, c := range ctrs {
		list = append(list, c.fields())
	}
	b, _ := json.Marshal(list)
	return string(b)
}

// inspectJSON is `podman inspect --type container` output for c.
func inspectJSON(c ctr) string {
	f := c.fields()
	state := "exited"
	if c.running {
		state = "running"
	}
	f["State"] = map[string]any{"Status": state, "Pid": c.pid}
	delete(f, "Names")
	delete(f, "Labels")
	delete(f, "Pid")
	b, _ := json.Marshal([]map[string]any{f})
	return string(b)
}

// argv builds an expected podman argv.
func argv(a ...string) []string { return a }

func inspectCtr(name string) []string {
	return argv("inspect", "--format", "json", "--type", "container", "--", name)
}

func inspectImg(name string) []string {
	return argv("inspect", "--format", "json", "--type", "image", "--", name)
}

var psAll = argv("ps", "--all", "--format", "json")
