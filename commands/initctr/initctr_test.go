package initctr

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/toolbx-go/toolbox/commands/host"
)

// container is a container's root in a temporary directory, with the
// host's / at /run/host.
func container(t *testing.T, env map[string]string) *host.Host {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"etc", "run/host/etc", "run/host/usr/share/zoneinfo/Europe"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(root, "run/.containerenv"), "")
	return &host.Host{Root: root, LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestHostLinks: the container's network and time configuration become
// links to the host's; a host link that only resolves on the host is
// followed under /run/host; the zone is written to /etc/timezone.
func TestHostLinks(t *testing.T) {
	h := container(t, nil)
	write(t, h.Path("/run/host/etc/hosts"), "127.0.0.1 localhost\n")
	write(t, h.Path("/etc/hosts"), "the image's own\n")
	if err := os.Symlink("/run/systemd/resolve/stub-resolv.conf", h.Path("/run/host/etc/resolv.conf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../usr/share/zoneinfo/Europe/Paris", h.Path("/run/host/etc/localtime")); err != nil {
		t.Fatal(err)
	}
	if err := configureHostLinks(context.Background(), h, Options{}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{
		"/etc/resolv.conf": "/run/host/run/systemd/resolve/stub-resolv.conf",
		"/etc/localtime":   "/run/host/etc/localtime",
	} {
		if got, err := os.Readlink(h.Path(p)); err != nil || got != want {
			t.Errorf("%s -> %q (%v), want %q", p, got, err, want)
		}
	}
	if data, _ := os.ReadFile(h.Path("/etc/timezone")); string(data) != "Europe/Paris\n" {
		t.Errorf("/etc/timezone %q", data)
	}
	if _, err := os.Lstat(h.Path("/etc/host.conf")); err == nil {
		t.Error("/etc/host.conf made although the host has none")
	}
	if data, _ := os.ReadFile(h.Path("/etc/hosts")); string(data) != "the image's own\n" {
		t.Errorf("/etc/hosts is not left to configureHosts: %q", data)
	}
}

// TestPathLinks: --media-link and friends make links, with their targets.
func TestPathLinks(t *testing.T) {
	h := container(t, nil)
	if err := configurePathLinks(context.Background(), h, Options{MediaLink: true, MntLink: true}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{"/media": "/run/media", "/mnt": "/var/mnt"} {
		if got, _ := os.Readlink(h.Path(p)); got != want {
			t.Errorf("%s -> %q, want %q", p, got, want)
		}
		if fi, err := os.Stat(h.Path(want)); err != nil || !fi.IsDir() {
			t.Errorf("%s not made: %v", want, err)
		}
	}
	if _, err := os.Lstat(h.Path("/home")); err == nil {
		t.Error("/home made without --home-link")
	}
}

// TestTestHooks: TOOLBX_FAIL_ENTRY_POINT fails the entry point, at its
// level; other values do nothing.
func TestTestHooks(t *testing.T) {
	for v, want := range map[string]int{"": 0, "0": 0, "x": 0, "1": 1, "2": 2} {
		err := testHooks(container(t, map[string]string{"TOOLBX_FAIL_ENTRY_POINT": v}))
		var fail *FailRequested
		got := 0
		if errors.As(err, &fail) {
			got = fail.Level
		}
		if got != want {
			t.Errorf("TOOLBX_FAIL_ENTRY_POINT=%q: %v, want level %d", v, err, want)
		}
	}
}

// TestUserConfigured: a restart finds the user as a previous start left
// it, and skips usermod.
func TestUserConfigured(t *testing.T) {
	h := container(t, nil)
	o := Options{User: "me", UID: 1000, Home: "/home/me", Shell: "/bin/bash"}
	write(t, h.Path("/etc/passwd"), "root:x:0:0::/root:/bin/bash\nme:x:1000:1000::/home/me:/bin/bash\n")
	write(t, h.Path("/etc/shadow"), "root::1::::::\nme::1::::::\n")
	write(t, h.Path("/etc/group"), "sudo:x:27:me\n")
	if !userConfigured(h, o, "sudo") {
		t.Error("a configured user is not seen as one")
	}
	o.Shell = "/bin/zsh"
	if userConfigured(h, o, "sudo") {
		t.Error("another shell still counts as configured")
	}
	write(t, h.Path("/etc/group"), "sudo:x:27:\n")
	o.Shell = "/bin/bash"
	if userConfigured(h, o, "sudo") {
		t.Error("a user outside the sudo group counts as configured")
	}
}

// TestOutside: init-container refuses to run outside a container.
func TestOutside(t *testing.T) {
	h := &host.Host{Root: t.TempDir(), LookupEnv: func(string) (string, bool) { return "", false }}
	if err := Run(context.Background(), h, Options{}); !errors.Is(err, ErrOutside) {
		t.Errorf("Run = %v", err)
	}
}
