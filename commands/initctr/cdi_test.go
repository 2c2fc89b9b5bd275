package initctr

import (
	"context"
	"errors"
	"os"
	"slices"
	"testing"
)

// stepOf is the Step of err, -1 when it is none of init-container's.
func stepOf(err error) Step {
	var e *Error
	if errors.As(err, &e) {
		return e.Step
	}
	return -1
}

// TestApplyCDI: a spec is read from the runtime directory; its links are
// made, also when they exist already; a spec that does not parse, and bad
// mounts and hooks, fail with their steps; no spec is no work. (Mounts and
// ldconfig need a real container: test/system/230-cdi.bats.)
func TestApplyCDI(t *testing.T) {
	links := `{"containerEdits": {"hooks": [{"hookName": "createContainer", "path": "/usr/bin/nvidia-cdi-hook",
		"args": ["nvidia-cdi-hook", "create-symlinks", "--link", "libx.so.1.2::/usr/lib/x/libx.so.1", "--link", "/usr/bin/true::/opt/bin/t"]},
		{"hookName": "createRuntime", "path": "/usr/bin/nvidia-cdi-hook", "args": ["nvidia-cdi-hook", "update-ldcache"]},
		{"hookName": "createContainer", "path": "/usr/bin/other", "args": ["other", "update-ldcache"]}]}}`
	tests := []struct {
		name, spec string
		want       Step
	}{
		{"links", links, -1},
		{"not JSON", "This is not JSON", LoadCDI},
		{"empty", "", LoadCDI},
		{"mount without a host path", `{"containerEdits": {"mounts": [{"containerPath": "/tmp", "hostPath": ""}]}}`, InvalidCDIMount},
		{"mount of nothing", `{"containerEdits": {"mounts": [{"containerPath": "/x", "hostPath": "/non/existent"}]}}`, -1},
		{"hook without a path", `{"containerEdits": {"hooks": [{"hookName": "createContainer", "path": "", "args": ["nvidia-cdi-hook", "create-symlinks"]}]}}`, InvalidCDIHook},
		{"bad hook name", `{"containerEdits": {"hooks": [{"hookName": "invalid", "path": "/x", "args": []}]}}`, InvalidCDIHook},
		{"relative link", `{"containerEdits": {"hooks": [{"hookName": "createContainer", "path": "/x", "args": ["nvidia-cdi-hook", "create-symlinks", "--link", "a::b"]}]}}`, CDISymlinks},
		{"missing --link", `{"containerEdits": {"hooks": [{"hookName": "createContainer", "path": "/x", "args": ["nvidia-cdi-hook", "create-symlinks", "--link"]}]}}`, CDISymlinks},
		{"bad --link", `{"containerEdits": {"hooks": [{"hookName": "createContainer", "path": "/x", "args": ["nvidia-cdi-hook", "create-symlinks", "--link", "a::b::c"]}]}}`, CDISymlinks},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := container(t, map[string]string{"XDG_RUNTIME_DIR": "/run/user/1000"})
			write(t, h.Path("/run/user/1000/toolbox/cdi-nvidia.json"), tt.spec)
			for range 2 { // a restart finds its links made
				if got := stepOf(applyCDI(context.Background(), h, Options{UID: 1000})); got != tt.want {
					t.Fatalf("step %d, want %d", got, tt.want)
				}
			}
			if tt.name != "links" {
				return
			}
			for link, target := range map[string]string{"/usr/lib/x/libx.so.1": "libx.so.1.2", "/opt/bin/t": "/usr/bin/true"} {
				if got, err := os.Readlink(h.Path(link)); err != nil || got != target {
					t.Errorf("%s -> %q (%v), want %q", link, got, err, target)
				}
			}
		})
	}
	h := container(t, nil)
	if err := applyCDI(context.Background(), h, Options{UID: 0}); err != nil {
		t.Errorf("no spec: %v", err)
	}
}

func TestFolders(t *testing.T) {
	got := folders([]string{"--folder", "/usr/lib64", "--other", "--folder", "/usr/lib", "--folder"})
	if want := []string{"/usr/lib64", "/usr/lib"}; !slices.Equal(got, want) {
		t.Errorf("folders %q, want %q", got, want)
	}
}

// TestConfigurePKCS11: with the module directory, the client and the
// host's socket, the trust module and the sshd, su and sudo pieces are
// written; without the socket, the module written before is removed and
// an image's own is kept; a missing /etc/profile.d is Toolbx's error.
func TestConfigurePKCS11(t *testing.T) {
	h := container(t, nil)
	for _, d := range []string{"/etc/pkcs11/modules", "/etc/profile.d", "/etc/sudoers.d", "/etc/ssh/sshd_config.d"} {
		if err := os.MkdirAll(h.Path(d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, h.Path("/usr/lib64/pkcs11/p11-kit-client.so"), "")
	write(t, h.Path("/run/toolbox/pkcs11"), "")
	if err := configurePKCS11(context.Background(), h, Options{UID: 0}); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		module:                                  writtenBy + "module: p11-kit-client.so\nserver-address: unix:path=/run/toolbox/pkcs11\n",
		"/etc/ssh/sshd_config.d/90-toolbx.conf": writtenBy + "SetEnv P11_KIT_SERVER_ADDRESS=unix:path=/run/toolbox/pkcs11\n",
		"/etc/profile.d/toolbx-pkcs11.sh":       "# shellcheck shell=sh\n#\n" + writtenBy + "export P11_KIT_SERVER_ADDRESS=unix:path=/run/toolbox/pkcs11\n",
		"/etc/sudoers.d/90-toolbx-pkcs11":       writtenBy + "Defaults env_keep += \"P11_KIT_SERVER_ADDRESS\"\n",
	} {
		if got, err := os.ReadFile(h.Path(path)); err != nil || string(got) != want {
			t.Errorf("%s: %q (%v), want %q", path, got, err, want)
		}
	}
	if fi, err := os.Stat(h.Path("/etc/sudoers.d/90-toolbx-pkcs11")); err != nil || fi.Mode().Perm() != 0o440 {
		t.Errorf("sudoers mode %v (%v)", fi.Mode(), err)
	}

	os.Remove(h.Path("/run/toolbox/pkcs11"))
	if err := configurePKCS11(context.Background(), h, Options{UID: 0}); err != nil || fileExists(h.Path(module)) {
		t.Errorf("without a server: %v; module there: %v", err, fileExists(h.Path(module)))
	}
	write(t, h.Path(module), "module: p11-kit-trust.so\n") // the image's
	if configurePKCS11(context.Background(), h, Options{UID: 0}); !fileExists(h.Path(module)) {
		t.Error("the image's module was removed")
	}

	write(t, h.Path("/run/toolbox/pkcs11"), "")
	os.RemoveAll(h.Path("/etc/profile.d"))
	if got := stepOf(configurePKCS11(context.Background(), h, Options{UID: 0})); got != NoProfileD {
		t.Errorf("without /etc/profile.d: step %d", got)
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
