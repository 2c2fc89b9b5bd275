package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/toolbx-go/toolbox/commands"
	"github.com/toolbx-go/toolbox/podman/podmantest"
)

const hint = "Run 'toolbox --help' for usage.\n"

// TestRun drives run() as main does, without podman: every case ends
// before a podman call.
func TestRun(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // a regexp
		stderr string
		host   bool // reaches the command, which must not run inside a container
	}{
		{name: "version", args: []string{"--version"}, stdout: `^toolbox version 0\.[1-9][0-9]*(\.[1-9][0-9]*)?\n$`},
		{name: "version after a command", args: []string{"list", "--version"}, stdout: `^toolbox version `},
		{name: "no command", code: 1, stderr: "Error: missing command\n\n" +
			"create    Create a new Toolbx container\n" +
			"enter     Enter an existing Toolbx container\n" +
			"list      List all existing Toolbx containers and images\n\n" + hint},
		{name: "unknown command", args: []string{"foo"}, code: 1, stderr: "Error: unknown command \"foo\" for \"toolbox\"\n" + hint},
		{name: "unknown flag", args: []string{"--foo"}, code: 1, stderr: "Error: unknown flag: --foo\n" + hint},
		{name: "unknown flag after a command", args: []string{"rm", "--foo"}, code: 1, stderr: "Error: unknown flag: --foo\n" + hint},
		{name: "bad log level", args: []string{"--log-level", "foo", "list"}, code: 1, stderr: "Error: failed to parse log-level\n" + hint},
		{name: "command error", args: []string{"rm"}, code: 1, stderr: "Error: missing argument for \"rm\"\n" + hint, host: true},
		{name: "run without a command", args: []string{"-v", "run"}, code: 1, stderr: "Error: missing argument for \"run\"\n" + hint, host: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := os.Stat("/run/.containerenv"); tt.host && err == nil {
				t.Skip("inside a container, the command would be forwarded to the host")
			}
			var out, errb bytes.Buffer
			stdio := &commands.IO{In: strings.NewReader(""), Out: &out, Err: &errb}
			env := map[string]string{"HOME": t.TempDir(), "SHELL": "/bin/sh", "TOOLBOX_PATH": "/usr/bin/toolbox"}
			noPodman := podmantest.NewFunc(t, func(args []string) podmantest.Call {
				return podmantest.Call{Exit: 125, Stderr: "Error: no podman in unit tests"}
			})
			code := run(context.Background(), tt.args, stdio, func(k string) (string, bool) { v, ok := env[k]; return v, ok }, noPodman)
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			if tt.stdout == "" && out.Len() != 0 || tt.stdout != "" && !regexp.MustCompile(tt.stdout).MatchString(out.String()) {
				t.Errorf("stdout %q, want %q", out.String(), tt.stdout)
			}
			// -v's debug lines depend on the machine (whether podman's
			// version is cached); the messages must not.
			got := regexp.MustCompile(`(?m)^level=debug .*\n`).ReplaceAllString(errb.String(), "")
			if got != tt.stderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", got, tt.stderr)
			}
			if n := strings.Count(got, "Error:"); tt.code != 0 && n != 1 {
				t.Errorf("%d Error: lines, want exactly 1", n)
			}
		})
	}
}

// TestNotifyInterrupts: SIGTERM cancels the context instead of ending the
// process, and while diverted it goes to the diversion only.
func TestNotifyInterrupts(t *testing.T) {
	ctx, interrupts := notifyInterrupts(context.Background())
	got := make(chan os.Signal, 1)
	restore := interrupts.Divert(func(s os.Signal) { got <- s })
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != syscall.SIGTERM || ctx.Err() != nil {
			t.Errorf("diverted %v, context %v", s, ctx.Err())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("SIGTERM was not diverted")
	}
	restore()
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("SIGTERM did not cancel the context")
	}
}
