// Package toolbxtest has the fixtures of the model's tests and the
// commands' tests: a host in a temporary directory, podman's JSON for
// Toolbx containers, and entry points in the host's /proc as init-container
// and conmon leave them. It runs nothing.
package toolbxtest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/toolbx-go/toolbox/commands/host"
)

// Fedora39 is a host's os-release.
const Fedora39 = "NAME=Fedora\nID=fedora\nVERSION_ID=39\n"

// NewHost is a host whose file system is a temporary directory with
// osRelease as /etc/os-release, /run/host linked to it, and env as the
// environment (XDG_RUNTIME_DIR defaults to ROOT/run/user/1000).
func NewHost(t testing.TB, osRelease string, env map[string]string) *host.Host {
	t.Helper()
	root := t.TempDir()
	home := filepath.Join(root, "home", "user")
	for _, d := range []string{"etc", "run", home} {
		Mkdir(t, filepath.Join(root, d))
	}
	WriteFile(t, filepath.Join(root, "etc", "os-release"), osRelease)
	if err := os.Symlink("../", filepath.Join(root, "run", "host")); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"XDG_RUNTIME_DIR": filepath.Join(root, "run", "user", "1000")}
	for k, v := range env {
		vars[k] = v
	}
	return &host.Host{
		User: "user", UID: 1000, GID: 1000, Home: home, Shell: "/bin/bash",
		Executable: "/usr/bin/toolbox", Cwd: home, Root: root,
		LookupEnv: func(k string) (string, bool) { v, ok := vars[k]; return v, ok },
	}
}

// Mkdir makes dir and its parents.
func Mkdir(t testing.TB, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

// WriteFile writes content to path, making its directory.
func WriteFile(t testing.TB, path, content string) {
	t.Helper()
	Mkdir(t, filepath.Dir(path))
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Ctr describes a container for the JSON helpers.
type Ctr struct {
	Name    string
	Running bool
	Pid     int
	Label   bool
	Cmd0    string // "toolbox" when empty
}

func (c Ctr) fields() map[string]any {
	labels := map[string]string{}
	if c.Label {
		labels["com.github.containers.toolbox"] = "true"
	}
	state := "exited"
	if c.Running {
		state = "running"
	}
	cmd0 := c.Cmd0
	if cmd0 == "" {
		cmd0 = "toolbox"
	}
	return map[string]any{
		"Id": CtrID(c.Name), "Name": c.Name, "Names": []string{c.Name},
		"Created": time.Now().Add(-72 * time.Hour).Unix(), "Labels": labels, "State": state, "Pid": c.Pid,
		"Image":  "registry.fedoraproject.org/fedora-toolbox:39",
		"Config": map[string]any{"Cmd": []string{cmd0, "--log-level", "debug", "init-container"}, "Labels": labels},
	}
}

// CtrID is a stable 64-hex ID for a container name.
func CtrID(name string) string {
	sum := sha256.Sum256([]byte(name))
	return hex.EncodeToString(sum[:])
}

// PsJSON is `podman ps --format json` output for ctrs.
func PsJSON(ctrs ...Ctr) string {
	list := []map[string]any{}
	for _, c := range ctrs {
		list = append(list, c.fields())
	}
	b, _ := json.Marshal(list)
	return string(b)
}

// InspectJSON is `podman inspect --type container` output for c.
func InspectJSON(c Ctr) string {
	f := c.fields()
	state := "exited"
	if c.Running {
		state = "running"
	}
	f["State"] = map[string]any{"Status": state, "Pid": c.Pid}
	delete(f, "Names")
	delete(f, "Labels")
	delete(f, "Pid")
	b, _ := json.Marshal([]map[string]any{f})
	return string(b)
}

// EntryPoint makes pid a live init-container whose parent is the conmon
// of container name, without its stamp yet: what `podman start` leaves.
func EntryPoint(t testing.TB, h *host.Host, name string, pid int) {
	t.Helper()
	conmon := pid + 9000
	cmdline := "toolbox\x00--log-level\x00debug\x00init-container\x00--user\x00user\x00"
	proc := h.Path("/proc")
	WriteFile(t, filepath.Join(proc, strconv.Itoa(pid), "cmdline"), cmdline)
	WriteFile(t, filepath.Join(proc, strconv.Itoa(pid), "stat"),
		fmt.Sprintf("%d (toolbox) S %d %d 0 -1 4194560", pid, conmon, pid))
	WriteFile(t, filepath.Join(proc, strconv.Itoa(conmon), "cmdline"),
		"/usr/bin/conmon\x00--api-version\x001\x00-c\x00"+CtrID(name)+"\x00-n\x00"+name+"\x00--exit-dir\x00/run/libpod/exits\x00")
}

// Initialized writes the stamp init-container leaves for pid.
func Initialized(t testing.TB, h *host.Host, pid int) {
	t.Helper()
	WriteFile(t, StampPath(h, pid), "")
}

// StampPath is the readiness stamp of entry point pid.
func StampPath(h *host.Host, pid int) string {
	return filepath.Join(h.Path(h.RuntimeDir()), fmt.Sprintf("container-initialized-%d", pid))
}

// RunningEntryPoint makes pid the live, initialised entry point of name.
func RunningEntryPoint(t testing.TB, h *host.Host, name string, pid int) {
	t.Helper()
	EntryPoint(t, h, name, pid)
	Initialized(t, h, pid)
}
