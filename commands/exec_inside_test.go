package commands

import (
	"slices"
	"strings"
	"testing"
)

// TestExecInsideArgv parses `toolbox __exec` as run and enter invoke it in
// the container and checks the shell command it would exec; nothing is
// exec'd. Only the first "--" belongs to __exec.
func TestExecInsideArgv(t *testing.T) {
	tests := []struct {
		args    []string
		login   bool
		command []string
	}{
		{[]string{"__exec", "--login", "--", "sh", "-c", "exit 127"}, true, []string{"sh", "-c", "exit 127"}},
		{[]string{"__exec", "--", "/bin/bash", "-l"}, false, []string{"/bin/bash", "-l"}},
		{[]string{"__exec", "--", "ls", "--color=auto", "-la"}, false, []string{"ls", "--color=auto", "-la"}},
		{[]string{"__exec", "--", "--login"}, false, []string{"--login"}},
		{[]string{"__exec", "--login", "--", "--version"}, true, []string{"--version"}},
		{[]string{"__exec", "--", "--", "foo"}, false, []string{"--", "foo"}},
		{[]string{"__exec", "--", "sh", "--", "x"}, false, []string{"sh", "--", "x"}},
		{[]string{"__exec", "--", "toolbox", "--log-level", "debug", "list"}, false, []string{"toolbox", "--log-level", "debug", "list"}},
		{[]string{"__exec", "ls", "-la"}, false, []string{"ls", "-la"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			cli, kctx, err := parse(t, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if got := kctx.Command(); got != "__exec <command>" {
				t.Errorf("parsed as %q", got)
			}
			want := []string{"bash", "-c", `exec "$@"`, "bash"}
			if tt.login {
				want = []string{"bash", "-l", "-c", `exec "$@"`, "bash"}
			}
			want = append(want, tt.command...)
			got, err := cli.ExecInside.shellArgv()
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("shellArgv = %q, %v\nwant %q", got, err, want)
			}
		})
	}
}

// TestExecInsideMissingCommand runs __exec without a command: it fails
// before dropping capabilities or exec'ing anything.
func TestExecInsideMissingCommand(t *testing.T) {
	want := "Error: missing argument for \"__exec\"\n" + hint
	for _, args := range [][]string{{"__exec", "--"}, {"__exec", "--login", "--"}} {
		cli, _, err := parse(t, args...)
		if err != nil {
			t.Fatal(err)
		}
		err = cli.ExecInside.Run()
		if got := errText(err); got != want || exitCode(err) != 1 {
			t.Errorf("%q: exit %d, %q; want exit 1, %q", args, exitCode(err), got, want)
		}
	}
	if _, _, err := parse(t, "__exec"); err == nil {
		t.Error("__exec without arguments parsed")
	}
}
