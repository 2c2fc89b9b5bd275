package commands

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/toolbx-go/toolbox/podman/podmantest"
)

func TestCompletionErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"completion"}, "Error: accepts 1 arg(s), received 0\n" + hint},
		{[]string{"completion", "bash", "zsh"}, "Error: accepts 1 arg(s), received 2\n" + hint},
		{[]string{"completion", "foo"}, "Error: invalid argument \"foo\" for \"toolbox completion\"\n" + hint},
		{[]string{"completion", "powershell"}, "Error: invalid argument \"powershell\" for \"toolbox completion\"\n" + hint},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			cli, parsed, err := parse(t, tt.args...)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			stdio, out, _ := testIO("")
			err = cli.Completion.Run(parsed, stdio)
			if got := errText(err); got != tt.want || exitCode(err) != 1 || out.Len() != 0 {
				t.Errorf("got %q (exit %d, stdout %q), want %q", got, exitCode(err), out, tt.want)
			}
		})
	}
	if _, _, err := parse(t, "completion", "--foo"); err == nil {
		t.Error("completion --foo: no usage error")
	}
}

// TestCompletionScripts generates each script from the real grammar, which
// also checks that every completion source names a flag or argument.
func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "fish", "zsh"} {
		cli, parsed, err := parse(t, "completion", shell)
		if err != nil {
			t.Fatal(err)
		}
		stdio, out, _ := testIO("")
		if err := cli.Completion.Run(parsed, stdio); err != nil {
			t.Fatalf("%s: %v", shell, err)
		}
		for _, w := range []string{"__complete", "--log-level", "create", "preserve-fds"} {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s script lacks %q", shell, w)
			}
		}
		for _, hidden := range []string{"init-container", "completion", "__complete"} {
			offer := map[string]string{"bash": "_cmds='.*" + hidden, "fish": "-a '" + hidden + "'", "zsh": "\t'" + hidden + ":"}[shell]
			if regexp.MustCompile(offer).MatchString(out.String()) {
				t.Errorf("%s script offers the hidden command %s", shell, hidden)
			}
		}
	}
}

func TestComplete(t *testing.T) {
	ps := psJSON(ctr{name: "b", label: true}, ctr{name: "a", label: true}, ctr{name: "other"})
	images := `[{"Id":"1111","Names":["localhost/x:1","quay.io/y:2"],"Labels":{"com.github.containers.toolbox":"true"}},
		{"Id":"2222","Labels":{"com.github.containers.toolbox":"true"}},
		{"Id":"3333","Names":["docker.io/busybox:latest"]}]`
	for _, tt := range []struct {
		words []string
		want  string
	}{
		{[]string{"--", "rm", "<container>"}, "a\nb\n"},
		{[]string{"--", "rm", "<container>", "b"}, "a\n"},
		{[]string{"--", "enter", "<container>"}, "a\nb\n"},
		{[]string{"--", "enter", "<container>", "a"}, ""},
		{[]string{"--", "enter", "--container"}, "a\nb\n"},
		{[]string{"--", "run", "--container", "a"}, "a\nb\n"},
		{[]string{"--", "create", "--container"}, ""},
		{[]string{"--", "rmi", "<image>", "quay.io/y:2"}, "2222\nlocalhost/x:1\n"},
		{[]string{"--", "create", "--image"}, "2222\nlocalhost/x:1\nquay.io/y:2\n"},
		{[]string{"--", "create", "--distro"}, strings.Join(DistroNames(), "\n") + "\n"},
		// An image and a distro exclude each other, in any form typed.
		{[]string{"--", "create", "--image", "--distro=fedora"}, ""},
		{[]string{"--", "create", "--image", "-d"}, ""},
		{[]string{"--", "create", "--image", "name", "-yd"}, ""},
		{[]string{"--", "create", "--image", "-y", "--release"}, "2222\nlocalhost/x:1\nquay.io/y:2\n"},
		{[]string{"--", "create", "--distro", "--image"}, ""},
		{[]string{"--", "create", "--distro", "-i"}, ""},
		{[]string{"--", "enter", "--distro", "-r"}, strings.Join(DistroNames(), "\n") + "\n"},
		// Flags do not count as arguments already typed.
		{[]string{"--", "enter", "<container>", "-y"}, "a\nb\n"},
		{[]string{"--", "rm", "<container>", "b", "--force"}, "a\n"},
		{[]string{"--", "", "--log-level"}, strings.Join(LogLevels(), "\n") + "\n"},
		{[]string{"--", "list", "--log-level"}, strings.Join(LogLevels(), "\n") + "\n"},
		{[]string{"--", "completion", "<shell>"}, "bash\nfish\nzsh\n"},
		{[]string{"--", "rm"}, ""},
		{nil, ""},
	} {
		t.Run(strings.Join(tt.words, " "), func(t *testing.T) {
			fake := podmantest.NewFunc(t, func(args []string) podmantest.Call {
				switch {
				case slices.Equal(args, psAll):
					return podmantest.Call{Stdout: ps}
				case slices.Equal(args, argv("images", "--format", "json")):
					return podmantest.Call{Stdout: images}
				}
				t.Errorf("unexpected podman %q", args)
				return podmantest.Call{Exit: 125}
			})
			_, parsed, err := parse(t, append([]string{"__complete"}, tt.words...)...)
			if err != nil {
				t.Fatal(err)
			}
			stdio, out, errb := testIO("")
			c := &Complete{Words: tt.words}
			if err := c.Run(context.Background(), parsed, engine(fake.Client(), stdio, testHost(t, fedora39, nil), nil), stdio); err != nil {
				t.Fatal(err)
			}
			if out.String() != tt.want || errb.Len() != 0 {
				t.Errorf("got %q (stderr %q), want %q", out, errb, tt.want)
			}
		})
	}
}

func TestCompleteHelpTopics(t *testing.T) {
	_, parsed, err := parse(t, "__complete", "--", "help", "<command>")
	if err != nil {
		t.Fatal(err)
	}
	stdio, out, _ := testIO("")
	c := &Complete{Words: []string{"--", "help", "<command>"}}
	if err := c.Run(context.Background(), parsed, engine(nil, stdio, testHost(t, fedora39, nil), nil), stdio); err != nil {
		t.Fatal(err)
	}
	got := strings.Fields(out.String())
	for _, name := range []string{"create", "enter", "help", "init-container", "list", "rm", "rmi", "run", "stop"} {
		if !slices.Contains(got, name) {
			t.Errorf("help topics %q lack %s", got, name)
		}
	}
	for _, name := range got {
		if strings.Contains(name, "complet") || strings.HasPrefix(name, "__") {
			t.Errorf("help topics %q offer %s", got, name)
		}
	}
}

// TestCompleteParse checks that the words after __complete reach the
// command as they are, flags included.
func TestCompleteParse(t *testing.T) {
	cli, _, err := parse(t, "__complete", "--", "", "--log-level", "-v")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"--", "", "--log-level", "-v"}; !slices.Equal(cli.Complete.Words, want) {
		t.Errorf("got %q, want %q", cli.Complete.Words, want)
	}
}
