package commands

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toolbx-go/toolbox/podman/podmantest"
)

// TestCheckConfig: list, rm and rmi stop on a toolbox.conf that create
// would refuse, as after Toolbx's pre-run; other commands do not read it.
func TestCheckConfig(t *testing.T) {
	for _, tt := range []struct {
		conf string
		args []string
		want string
	}{
		{"[general\n", []string{"list"}, "Error: failed to parse file ETC\n"},
		{"[general\n", []string{"rm", "box"}, "Error: failed to parse file ETC\n"},
		{"[general\n", []string{"rmi", "--all"}, "Error: failed to parse file ETC\n"},
		{"[general]\ndistro = \"foo\"\n", []string{"list"},
			"Error: invalid argument for '--distro'\nDistribution foo is unsupported.\n" + hint},
		{"[general\n", []string{"__complete", "--", "rm", "<container>"}, ""},
		{"[general\n", []string{"completion", "bash"}, ""},
		{"[general]\ndistro = \"arch\"\n", []string{"list"}, ""},
		{"", []string{"list"}, ""},
	} {
		h := testHost(t, fedora39, nil)
		writeFile(t, h.Path("/etc/subuid"), "user:100000:65536\n")
		writeFile(t, h.Path("/etc/subgid"), "user:100000:65536\n")
		etc := filepath.Join(h.Root, "etc", "containers", "toolbox.conf")
		if tt.conf != "" {
			writeFile(t, etc, tt.conf)
		}
		_, parsed, err := parse(t, tt.args...)
		if err != nil {
			t.Fatal(err)
		}
		stdio, _, _ := testIO("")
		e := engine(podmantest.NewFunc(t, nil).Client(), stdio, h, nil)
		got := strings.ReplaceAll(errText(Execute(context.Background(), parsed, tt.args, e, stdio)), etc, "ETC")
		if tt.want != "" && got != tt.want || tt.want == "" && (strings.Contains(got, "ETC") || strings.Contains(got, "Distribution")) {
			t.Errorf("%q with %q: %q, want %q", tt.args, tt.conf, got, tt.want)
		}
	}
}
