package toolbx

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/toolbx-go/toolbox/commands/toolbx/toolbxtest"
)

func TestLoadConfig(t *testing.T) {
	tests := []struct {
		name, etc, user string
		xdg             bool // the user file is under $XDG_CONFIG_HOME
		want            Config
		wantErr         string // "etc" or "user": the file that fails to parse
	}{
		{name: "no files"},
		{name: "etc only", etc: "[general]\ndistro = \"arch\"\n", want: Config{Distro: "arch"}},
		{name: "user wins", etc: "[general]\ndistro = \"ubuntu\"\nrelease = \"20.04\"\nimage = \"x\"\n",
			user: "[general]\ndistro = \"fedora\"\n", want: Config{Distro: "fedora", Release: "20.04", Image: "x"}},
		{name: "XDG_CONFIG_HOME", user: "[general]\nrelease = \"f38\"\n", xdg: true, want: Config{Release: "f38"}},
		{name: "comments only", etc: "# [general]\n# distro = \"fedora\"\n"},
		{name: "numbers as viper reads them", etc: "[general]\nrelease = 39\n",
			user: "[general]\nrelease = 8.10\n", want: Config{Release: "8.1"}},
		{name: "integer release", user: "[general]\nrelease = 39\n", want: Config{Release: "39"}},
		{name: "keys ignore case", user: "[General]\nDistro = \"arch\"\n", want: Config{Distro: "arch"}},
		{name: "tables and arrays are unset", etc: "[general]\ndistro = \"arch\"\n",
			user: "[general]\ndistro = [\"x\"]\nimage = { a = 1 }\n", want: Config{Distro: "arch"}},
		{name: "general not a table", user: "general = 1\n"},
		{name: "bad etc", etc: "[general\n", wantErr: "etc"},
		{name: "bad user", etc: "[general]\ndistro = \"arch\"\n", user: "distro = ", wantErr: "user"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			if tt.xdg {
				env["XDG_CONFIG_HOME"] = t.TempDir()
			}
			h := toolbxtest.NewHost(t, toolbxtest.Fedora39, env)
			paths := map[string]string{
				"etc":  filepath.Join(h.Root, "etc", "containers", "toolbox.conf"),
				"user": filepath.Join(h.Home, ".config", "containers", "toolbox.conf"),
			}
			if tt.xdg {
				paths["user"] = filepath.Join(env["XDG_CONFIG_HOME"], "containers", "toolbox.conf")
			}
			if tt.etc != "" {
				toolbxtest.WriteFile(t, paths["etc"], tt.etc)
			}
			if tt.user != "" {
				toolbxtest.WriteFile(t, paths["user"], tt.user)
			}
			cfg, err := (&Engine{Host: h}).LoadConfig()
			if tt.wantErr != "" {
				var ce *ConfigError
				if !errors.As(err, &ce) || ce.Path != paths[tt.wantErr] {
					t.Errorf("error %v, want one for %s", err, paths[tt.wantErr])
				}
				return
			}
			if err != nil || cfg != tt.want {
				t.Errorf("LoadConfig = %+v, %v; want %+v", cfg, err, tt.want)
			}
		})
	}
}

func TestConfigDefaults(t *testing.T) {
	tests := []struct {
		cfg                         Config
		distro, release, image      string
		wantCtr, wantImage, wantErr string
	}{
		{cfg: Config{Distro: "arch"}, wantCtr: "arch-toolbox-latest", wantImage: "arch-toolbox:latest"},
		{cfg: Config{Distro: "ubuntu", Release: "20.04"}, wantCtr: "ubuntu-toolbox-20.04"},
		{cfg: Config{Release: "38"}, wantCtr: "fedora-toolbox-38"},
		{cfg: Config{Image: "quay.io/me/box:2"}, wantCtr: "box-2", wantImage: "quay.io/me/box:2"},
		{cfg: Config{Image: "quay.io/me/box:2"}, distro: "fedora", release: "37", wantCtr: "fedora-toolbox-37", wantImage: "fedora-toolbox:37"},
		{cfg: Config{Image: "quay.io/me/box:2"}, image: "quay.io/me/other", wantCtr: "other"},
		{cfg: Config{Distro: "foo"}, wantErr: "foo"},
		{cfg: Config{Distro: "rhel"}, wantErr: "rhel needs a release"},
	}
	for _, tt := range tests {
		h := toolbxtest.NewHost(t, toolbxtest.Fedora39, nil)
		sel, err := selectWith(h.OSRelease, tt.cfg, SelectRequest{Distro: tt.distro, Release: tt.release, Image: tt.image})
		switch {
		case tt.wantErr != "":
			var de *DistroError
			got := ""
			if errors.As(err, &de) {
				got = de.Distro
				if de.NeedsRelease {
					got += " needs a release"
				}
			}
			if got != tt.wantErr {
				t.Errorf("%+v: error %v, want %q", tt.cfg, err, tt.wantErr)
			}
		case err != nil || sel.Container != tt.wantCtr || tt.wantImage != "" && sel.Image != tt.wantImage:
			t.Errorf("%+v: got %+v, %v; want %s from %s", tt.cfg, sel, err, tt.wantCtr, tt.wantImage)
		}
	}
}
