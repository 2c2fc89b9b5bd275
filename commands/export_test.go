package commands

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportOptions(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "one of the options --app, --bin and --list is needed"},
		{[]string{"--delete"}, "option --delete needs --app or --bin"},
		{[]string{"--app", "a", "--bin", "b"}, "options --app and --bin cannot be used together"},
		{[]string{"--bin", "b", "--list"}, "options --bin and --list cannot be used together"},
		{[]string{"--list", "--delete"}, "options --list and --delete cannot be used together"},
		{[]string{"--list", "--to", "d"}, "options --list and --to cannot be used together"},
		{[]string{"--app", "a", "--to", "d"}, "option --to needs --bin"},
		{[]string{"--delete", "--app", "a", "-f"}, "options --delete and --force cannot be used together"},
		{[]string{"--app", "a", "-c", "x", "-f"}, ""},
		{[]string{"--bin", "b", "--to", "d", "--delete"}, ""},
		{[]string{"--list", "-c", "x"}, ""},
	} {
		cli, _, err := parse(t, append([]string{"export"}, tt.args...)...)
		if err != nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		got := ""
		if err := cli.Export.check(); err != nil {
			got = err.Error()
		}
		if tt.want != "" {
			tt.want = "Error: " + tt.want + "\n" + usageHint
			got = "Error: " + got
		}
		if got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.args, got, tt.want)
		}
	}
}

// TestCompleteExported: with --delete, --bin offers what was exported from
// the container given on the line, and asks podman nothing.
func TestCompleteExported(t *testing.T) {
	h := testHost(t, fedora39, nil)
	writeFile(t, filepath.Join(h.Home, ".local/share/toolbox/exports/box.json"),
		`{"container":"box","exports":[{"kind":"bin","name":"/usr/bin/htop","files":[{"path":"/h/bin/htop"}]},`+
			`{"kind":"app","name":"vim","files":[{"path":"/h/box-vim.desktop"}]}]}`)
	for words, want := range map[string]string{
		"-- export --bin --container=box --delete": "/usr/bin/htop\n",
		"-- export --app -yc=box --delete":         "vim\n",
		"-- export --app --delete":                 "",
	} {
		_, parsed, err := parse(t, append([]string{"__complete"}, strings.Fields(words)...)...)
		if err != nil {
			t.Fatal(err)
		}
		stdio, out, _ := testIO("")
		c := &Complete{Words: strings.Fields(words)}
		if err := c.Run(context.Background(), parsed, engine(nil, stdio, h, nil), stdio); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Errorf("%s: got %q, want %q", words, out, want)
		}
	}
}
