package toolbx

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/toolbx-go/toolbox/commands/toolbx/toolbxtest"
)

const f39 = "registry.fedoraproject.org/fedora-toolbox:39"

// TestCreateOptions checks what toolbox asks podman create for.
func TestCreateOptions(t *testing.T) {
	h := toolbxtest.NewHost(t, toolbxtest.Fedora39, map[string]string{"TOOLBX_FAIL_ENTRY_POINT": "1"})
	toolbxtest.WriteFile(t, filepath.Join(h.Root, "etc", "profile.d", "toolbox.sh"), "")
	o, err := (&Engine{Host: h}).recipe("box", f39)
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

// TestCreateOptionsInstalledProfile: with a prefix such as /usr/local,
// meson installs profile.d/toolbox.sh outside /etc/profile.d, and create
// mounts it from there.
func TestCreateOptionsInstalledProfile(t *testing.T) {
	h := toolbxtest.NewHost(t, toolbxtest.Fedora39, nil)
	h.InstalledProfile = "/usr/local/etc/profile.d/toolbox.sh"
	o, err := (&Engine{Host: h}).recipe("box", f39)
	if err != nil {
		t.Fatal(err)
	}
	want := h.InstalledProfile + ":/etc/profile.d/toolbox.sh:ro"
	if slices.Contains(o.Volumes, want) {
		t.Errorf("volume %q without the file", want)
	}
	toolbxtest.WriteFile(t, filepath.Join(h.Root, h.InstalledProfile), "")
	if o, err = (&Engine{Host: h}).recipe("box", f39); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(o.Volumes, want) {
		t.Errorf("volume %q missing from %q", want, o.Volumes)
	}
	toolbxtest.WriteFile(t, filepath.Join(h.Root, "etc", "profile.d", "toolbox.sh"), "")
	if o, err = (&Engine{Host: h}).recipe("box", f39); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(o.Volumes, want) {
		t.Errorf("volume %q chosen over /etc/profile.d's script", want)
	}
}
