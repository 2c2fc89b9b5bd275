package host

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFindPasswd(t *testing.T) {
	data := "root:x:0:0:root:/root:/bin/bash\n" +
		"+nisuser::1001:1001:::\n" +
		"broken:x:1002\n" +
		"me:x:1000:1000:Me,,,:/home/me:/usr/bin/zsh\r\n" +
		"noshell:x:1003:1003::/home/noshell:"
	for _, tc := range []struct {
		uid  int
		want Account
		ok   bool
	}{
		{0, Account{"root", "/root", "/bin/bash"}, true},
		{1000, Account{"me", "/home/me", "/usr/bin/zsh"}, true},
		{1003, Account{"noshell", "/home/noshell", ""}, true},
		{1001, Account{}, false}, // NIS compat: NSS's to answer
		{1002, Account{}, false},
		{4242, Account{}, false},
	} {
		got, ok := FindPasswd(data, tc.uid)
		if got != tc.want || ok != tc.ok {
			t.Errorf("uid %d: %+v %v, want %+v %v", tc.uid, got, ok, tc.want, tc.ok)
		}
	}
}

// TestCurrentAccountFallsBackToNSS: a user missing from the file is
// looked up through the C library, as os/user does.
func TestCurrentAccountFallsBackToNSS(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "etc/passwd"), "other:x:4242:4242::/home/other:/bin/sh\n")
	h := &Host{Root: root, UID: 4242}
	if a, err := currentAccount(h); err != nil || a.Name != "other" {
		t.Fatalf("from the file: %+v, %v", a, err)
	}
	h.UID = os.Getuid()
	a, err := currentAccount(h)
	if err != nil || a.Name == "" || a.Shell != "" {
		t.Fatalf("through NSS: %+v, %v", a, err)
	}
}

func TestParseEntries(t *testing.T) {
	got := ParseEntries("a:b\n\n# comment\nc::d\r\n  \ne")
	want := [][]string{{"a", "b"}, {"c", "", "d"}, {"e"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("ParseEntries = %q, want %q", got, want)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "group"), "sudo:x:27:me\nwheel:x:10:\n")
	if e := Entry(filepath.Join(dir, "group"), "wheel"); !slices.Equal(e, []string{"wheel", "x", "10", ""}) {
		t.Errorf("Entry = %q", e)
	}
	if e := Entry(filepath.Join(dir, "none"), "wheel"); e != nil {
		t.Errorf("Entry of a missing file = %q", e)
	}
}

func TestHasSubIDs(t *testing.T) {
	tests := []struct {
		name, subuid string
		want         bool
	}{
		{"by name", "user:100000:65536\n", true},
		{"by uid", "1000:100000:65536\n", true},
		{"other user", "someone:100000:65536\n", false},
		{"empty range", "user:100000:0\n", false},
		{"no file", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, filepath.Join(root, "etc/subgid"), "user:100000:65536\n")
			if tt.subuid != "" {
				writeFile(t, filepath.Join(root, "etc/subuid"), tt.subuid)
			}
			h := &Host{User: "user", UID: 1000, Root: root}
			if got := h.HasSubIDs(); got != tt.want {
				t.Errorf("HasSubIDs = %v, want %v", got, tt.want)
			}
		})
	}
	if !(&Host{UID: 0, Root: t.TempDir()}).HasSubIDs() {
		t.Error("root needs no subordinate ids")
	}
}

func TestOSRelease(t *testing.T) {
	if id, v := ParseOSRelease("NAME=\"Fedora\"\nID=fedora\nVERSION_ID=\"39\"\n"); id != "fedora" || v != "39" {
		t.Errorf("ParseOSRelease = %q %q", id, v)
	}
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "usr/lib/os-release"), "ID='arch'\n")
	if id, v := (&Host{Root: root}).OSRelease(); id != "arch" || v != "" {
		t.Errorf("OSRelease from /usr/lib = %q %q", id, v)
	}
}

func TestDirectories(t *testing.T) {
	env := map[string]string{}
	h := &Host{UID: 1000, Home: "/home/me", LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	if h.RuntimeDir() != "/run/user/1000/toolbox" || h.ConfigDir() != "/home/me/.config" {
		t.Errorf("defaults: %s %s", h.RuntimeDir(), h.ConfigDir())
	}
	env["XDG_RUNTIME_DIR"], env["XDG_CONFIG_HOME"] = "/tmp/rt", "/tmp/cfg"
	if h.RuntimeDir() != "/tmp/rt/toolbox" || h.ConfigDir() != "/tmp/cfg" {
		t.Errorf("from the environment: %s %s", h.RuntimeDir(), h.ConfigDir())
	}
	h.UID = 0
	if h.RuntimeDir() != "/run/toolbox" {
		t.Errorf("root: %s", h.RuntimeDir())
	}
	env["TERM"], env["NOT_PRESERVED"] = "xterm", "x"
	if got := h.PreservedEnv(); !slices.Contains(got, "TERM=xterm") || slices.Contains(got, "NOT_PRESERVED=x") {
		t.Errorf("PreservedEnv = %q", got)
	}
}

func TestForwardRefuses(t *testing.T) {
	root := t.TempDir()
	env := map[string]string{}
	h := &Host{Root: root, LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	if _, err := h.Forward(context.Background(), nil, Stdio{}); !errors.Is(err, ErrNotToolbx) {
		t.Errorf("no marker: %v", err)
	}
	writeFile(t, filepath.Join(root, "run/.toolboxenv"), "")
	if _, err := h.Forward(context.Background(), nil, Stdio{}); !errors.Is(err, ErrNoToolboxPath) {
		t.Errorf("no TOOLBOX_PATH: %v", err)
	}
}

func TestRunAndOutput(t *testing.T) {
	ctx := context.Background()
	if code, err := Run(ctx, "sh", []string{"-c", "exit 3"}, Stdio{}); code != 3 || err != nil {
		t.Errorf("Run = %d, %v", code, err)
	}
	if _, err := Run(ctx, "no-such-tool-for-toolbox", nil, Stdio{}); !errors.Is(err, exec.ErrNotFound) {
		t.Errorf("missing tool: %v", err)
	}
	if out, err := Output(ctx, "sh", "-c", "echo out; echo err >&2; exit 1"); err == nil || out != "out\nerr\n" {
		t.Errorf("Output = %q, %v", out, err)
	}
}
