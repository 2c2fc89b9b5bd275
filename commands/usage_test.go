package commands

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

const hint = "Run 'toolbox --help' for usage.\n"

// TestUsageErrors parses through the real grammar and checks that kong's
// errors come out in cobra's words, as Toolbx's system tests expect.
func TestUsageErrors(t *testing.T) {
	type test struct {
		args []string
		want string // "" when the args must parse
		bug  string // why the case is skipped
	}
	tests := []test{
		{nil, "Error: missing command\n\n" +
			"create    Create a new Toolbx container\n" +
			"enter     Enter an existing Toolbx container\n" +
			"list      List all existing Toolbx containers and images\n\n" + hint, ""},
		{[]string{"foo"}, "Error: unknown command \"foo\" for \"toolbox\"\n" + hint, ""},
		{[]string{"list", "foo"}, "Error: unknown command \"foo\" for \"toolbox list\"\n" + hint, ""},
		{[]string{"--foo"}, "Error: unknown flag: --foo\n" + hint, ""},
		{[]string{"run", "--foo", "ls"}, "Error: unknown flag: --foo\n" + hint, ""},
		{[]string{"-x"}, "Error: unknown shorthand flag: 'x' in -x\n" + hint, ""},
		{[]string{"list", "-x"}, "Error: unknown shorthand flag: 'x' in -x\n" + hint, ""},
		{[]string{"--log-level"}, "Error: flag needs an argument: --log-level\n" + hint, ""},
		{[]string{"create", "--image"}, "Error: flag needs an argument: --image\n" + hint, ""},
		{[]string{"create", "-i"}, "Error: flag needs an argument: 'i' in -i\n" + hint, ""},
		{[]string{"run", "--container"}, "Error: flag needs an argument: --container\n" + hint, ""},
		{[]string{"-yx", "list"} /* pflag names the rest of the cluster */, "Error: unknown shorthand flag: 'x' in -x\n" + hint, ""},
		{[]string{"rm", "-fz"}, "Error: unknown shorthand flag: 'z' in -z\n" + hint, ""},
		// pflag's words for a number it cannot parse, with strconv's reason.
		{[]string{"run", "--preserve-fds", "-1", "true"}, "Error: invalid argument \"-1\" for \"--preserve-fds\" flag: " +
			"strconv.ParseUint: parsing \"-1\": invalid syntax\n" + hint, ""},
		{[]string{"run", "--preserve-fds=99999999999999999999", "true"}, "Error: invalid argument \"99999999999999999999\" " +
			"for \"--preserve-fds\" flag: strconv.ParseUint: parsing \"99999999999999999999\": value out of range\n" + hint, ""},
		{[]string{"init-container"}, "Error: required flag(s) \"home\", \"shell\", \"uid\", \"user\" not set\n" + hint, ""},
		{[]string{"init-container", "--uid", "1", "--home", "/h"}, "Error: required flag(s) \"shell\", \"user\" not set\n" + hint, ""},
		{[]string{"init-container", "--uid", "x"}, "Error: invalid argument \"x\" for \"--uid\" flag: " +
			"strconv.ParseInt: parsing \"x\": invalid syntax\n" + hint, ""},
	}
	for _, args := range [][]string{{"create", "--release", "-3"}, {"enter", "-r", "-2.1"}, {"run", "--release", "-3", "true"}} {
		tests = append(tests, test{args, "", ""}) // pflag takes -3 as the value; so do we
	}
	for _, cmd := range []string{"create", "enter", "help", "init-container", "list", "rm", "rmi", "run", "stop"} {
		tests = append(tests, test{[]string{cmd, "--foo"}, "Error: unknown flag: --foo\n" + hint, ""})
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			if tt.bug != "" {
				t.Skip("BUG: " + tt.bug)
			}
			_, _, err := parse(t, tt.args...)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("parse error %q", errText(UsageError(err, tt.args)))
				}
				return
			}
			if err == nil {
				t.Fatal("parsed without error")
			}
			if got := errText(UsageError(err, tt.args)); got != tt.want {
				t.Errorf("\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestGrammar(t *testing.T) {
	tests := []struct {
		args  []string
		check func(*CLI) bool
	}{
		{[]string{"run", "-c", "X", "ls", "-la"}, func(c *CLI) bool {
			return c.Run.Container == "X" && slices.Equal(c.Run.Command, []string{"ls", "-la"})
		}},
		{[]string{"run", "ls", "--foo", "-c", "Y"}, func(c *CLI) bool {
			return c.Run.Container == "" && slices.Equal(c.Run.Command, []string{"ls", "--foo", "-c", "Y"})
		}},
		{[]string{"run", "--", "ls"}, func(c *CLI) bool { return slices.Equal(c.Run.Command, []string{"--", "ls"}) }},
		{[]string{"run", "--preserve-fds", "3", "-d", "fedora", "-r", "39", "true"}, func(c *CLI) bool {
			return c.Run.PreserveFDs == 3 && c.Run.Distro == "fedora" && c.Run.Release == "39"
		}},
		{[]string{"-vv", "list", "-c"}, func(c *CLI) bool {
			return c.Verbose == 2 && c.List.Containers && c.PodmanLogLevel() == "debug"
		}},
		{[]string{"list", "--assumeyes", "-i", "--log-level", "info"}, func(c *CLI) bool {
			return c.AssumeYes && c.List.Images && c.EffectiveLogLevel() == "info" && c.PodmanLogLevel() == "error"
		}},
		{[]string{"--log-podman", "-v", "rm", "-af", "a", "b"}, func(c *CLI) bool {
			return c.Rm.All && c.Rm.Force && slices.Equal(c.Rm.Containers, []string{"a", "b"}) && c.PodmanLogLevel() == "debug"
		}},
		{[]string{"create", "-c", "n", "-d", "arch", "--authfile", "/a"}, func(c *CLI) bool {
			return c.Create.ContainerFlag == "n" && c.Create.Distro == "arch" && c.Create.AuthFile == "/a"
		}},
		{[]string{"enter", "box"}, func(c *CLI) bool { return slices.Equal(c.Enter.Name, []string{"box"}) }},
		// pflag reads -c=NAME as NAME.
		{[]string{"create", "-c=n", "-r=39"}, func(c *CLI) bool { return c.Create.ContainerFlag == "n" && c.Create.Release == "39" }},
		{[]string{"run", "-c=box", "true"}, func(c *CLI) bool { return c.Run.Container == "box" }},
	}
	for _, tt := range tests {
		cli, _, err := parse(t, tt.args...)
		if err != nil {
			t.Errorf("toolbox %q: %v", tt.args, err)
			continue
		}
		if !tt.check(cli) {
			t.Errorf("toolbox %q parsed into %+v", tt.args, *cli)
		}
	}
}

func TestVersionAndHelpFlags(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"list", "--version"}} {
		if _, _, err := parse(t, args...); !IsVersionRequest(err) {
			t.Errorf("toolbox %q: err %v, want a version request", args, err)
		}
	}
	for _, tt := range []struct {
		args []string
		want string
	}{{[]string{"--help"}, ""}, {[]string{"-h"}, ""}, {[]string{"create", "--help"}, "create"}, {[]string{"rm", "-h"}, "rm"}} {
		_, _, err := parse(t, tt.args...)
		var h *HelpRequest
		if !errors.As(err, &h) || h.Command != tt.want {
			t.Errorf("toolbox %q: err %v, want help for %q", tt.args, err, tt.want)
		}
	}
}

// TestMonitorHostDeprecated: containers made by old Toolbx pass
// --monitor-host to their entry point; pflag's notice goes to the log.
func TestMonitorHostDeprecated(t *testing.T) {
	const notice = "Flag --monitor-host has been deprecated, it does nothing\n"
	for _, tt := range []struct {
		flags []string
		want  string
	}{
		{[]string{"--monitor-host"}, notice},
		{[]string{"--monitor-host=false"}, notice},
		{nil, ""},
	} {
		args := append([]string{"init-container", "--uid", "1000", "--user", "me", "--home", "/home/me", "--shell", "/bin/bash"}, tt.flags...)
		cli, parsed, err := parse(t, args...)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		stdio, _, errb := testIO("")
		// On the host, init-container refuses after the notice.
		if err := cli.InitContainer.Run(context.Background(), parsed, stdio, testHost(t, fedora39, nil)); err == nil {
			t.Errorf("%q: ran outside a container", args)
		}
		if errb.String() != tt.want {
			t.Errorf("%q: stderr %q, want %q", args, errb, tt.want)
		}
	}
}
