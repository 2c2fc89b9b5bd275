package completion

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/kong"
)

// toy is a small grammar like toolbox's: global flags, commands with
// short flags, a hidden flag, a hidden command and a passthrough argument.
type toy struct {
	toyGlobals
	Rm       toyRm    `cmd:"" help:"Remove things."`
	Run      toyRun   `cmd:"" help:"Run a command."`
	Internal struct{} `cmd:"" hidden:""`
}

// toyPlus is toy with one more flag on rm.
type toyPlus struct {
	toyGlobals
	Rm struct {
		toyRm
		Sparkle string `short:"k" help:"Make it sparkle."`
	} `cmd:"" help:"Remove things."`
	Run      toyRun   `cmd:"" help:"Run a command."`
	Internal struct{} `cmd:"" hidden:""`
}

type toyGlobals struct {
	Verbose int    `short:"v" type:"counter"`
	Level   string `name:"level"`
}

type toyRm struct {
	Force bool     `short:"f" help:"Force it."`
	Names []string `arg:"" optional:"" name:"name"`
}

type toyRun struct {
	Box     string   `short:"b" help:"The box."`
	Secret  string   `short:"s" hidden:""`
	Command []string `arg:"" optional:"" passthrough:"partial"`
}

func toyModel(t *testing.T, grammar any) *kong.Application {
	t.Helper()
	p, err := kong.New(grammar, kong.Name("toy"), kong.Exit(func(int) { t.Fatal("kong exited") }))
	if err != nil {
		t.Fatal(err)
	}
	return p.Model
}

func script(t *testing.T, shell string, grammar any, values map[string]Kind) string {
	t.Helper()
	var out bytes.Buffer
	opts := Options{Callback: "__values", Values: values}
	if err := Write(&out, shell, toyModel(t, grammar), opts); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestAddedFlagAppears checks that the scripts follow the grammar: a flag
// added to rm shows up in every script, with its short form, as a flag
// that takes a value.
func TestAddedFlagAppears(t *testing.T) {
	values := map[string]Kind{"rm <name>": Dynamic, "rm --sparkle": Dynamic}
	for _, shell := range Shells() {
		t.Run(shell, func(t *testing.T) {
			before := script(t, shell, &toy{}, map[string]Kind{"rm <name>": Dynamic})
			after := script(t, shell, &toyPlus{}, values)
			if strings.Contains(before, "sparkle") {
				t.Fatal("the toy grammar already has --sparkle")
			}
			want := map[string][]string{
				"bash": {"--sparkle -k", `'rm:--sparkle'|'rm:-k') REPLY='dynamic --sparkle'`},
				"fish": {"-l 'sparkle' -s 'k' -x -a '(__toy_values rm --sparkle)' -d 'Make it sparkle.'", "'rm:--sparkle' 'rm:-k'"},
				"zsh": {`'(--sparkle -k)--sparkle=[Make it sparkle.]:SPARKLE:{__toy_values "rm" "--sparkle"}'`,
					`'(--sparkle -k)-k+[Make it sparkle.]:SPARKLE:{__toy_values "rm" "--sparkle"}'`},
			}[shell]
			for _, w := range want {
				if !strings.Contains(after, w) {
					t.Errorf("script lacks %q:\n%s", w, after)
				}
			}
		})
	}
}

// TestBashCompletesAddedFlag runs bash on the script of the grammar with
// the added flag.
func TestBashCompletesAddedFlag(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "toy.bash")
	src := script(t, "bash", &toyPlus{}, map[string]Kind{"rm --sparkle": Dynamic})
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	// The program called back is a shell function here.
	complete := func(words ...string) string {
		t.Helper()
		// After the positional "x" come the flags typed: the one whose
		// value is asked for, as typed.
		prog := `toy() { [ "$1 $2 $3 $4 $5 $#" = "__values -- rm --sparkle x 6" ] && case $6 in -k|--sparkle) printf 'gold\nglitter\nsilver\n' ;; esac; }; `
		cmd := exec.Command(bash, "--norc", "-c", prog+`. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _toy; echo "${COMPREPLY[*]}"`, "bash", path)
		cmd.Args = append(cmd.Args, words...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		return strings.TrimSpace(string(out))
	}
	for _, tt := range []struct {
		words []string
		want  string
	}{
		{[]string{"toy", "rm", "--s"}, "--sparkle"},
		{[]string{"toy", "rm", "-"}, "--help -h --verbose -v --level --force -f --sparkle -k"},
		{[]string{"toy", "rm", "x", "-k", "g"}, "gold glitter"},
		{[]string{"toy", "rm", "x", "--sparkle", ""}, "gold glitter silver"},
		{[]string{"toy", ""}, "rm run"},
		{[]string{"toy", "run", "-"}, "--help -h --verbose -v --level --box -b"},
		{[]string{"toy", "run", "-s", "x", "printen"}, "printenv"},
		{[]string{"toy", "run", "echo", "-"}, ""},
	} {
		if got := complete(tt.words...); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.words, got, tt.want)
		}
	}
}

// TestSyntax checks each script with its shell's parser.
func TestSyntax(t *testing.T) {
	check := map[string][]string{"bash": {"bash", "-n"}, "zsh": {"zsh", "-n"}, "fish": {"fish", "--no-execute"}}
	for _, shell := range Shells() {
		t.Run(shell, func(t *testing.T) {
			argv := check[shell]
			if _, err := exec.LookPath(argv[0]); err != nil {
				t.Skip("no " + argv[0])
			}
			path := filepath.Join(t.TempDir(), "script")
			if err := os.WriteFile(path, []byte(script(t, shell, &toyPlus{}, nil)), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(argv[0], append(argv[1:], path)...).CombinedOutput(); err != nil {
				t.Errorf("%v: %s", err, out)
			}
		})
	}
}

func TestHiddenNotOffered(t *testing.T) {
	bash := script(t, "bash", &toy{}, nil)
	for _, w := range []string{"_cmds='rm run'", "_flags='--help -h --verbose -v --level --box -b'"} {
		if !strings.Contains(bash, w) {
			t.Errorf("bash script lacks %q", w)
		}
	}
	if !strings.Contains(bash, `'run:--secret'|'run:-s') REPLY='none --secret'`) {
		t.Error("bash script does not know that the hidden --secret takes a value")
	}
	zsh := script(t, "zsh", &toy{}, nil)
	if !strings.Contains(zsh, `'!(--secret -s)-s+:SECRET: '`) {
		t.Error("zsh script does not skip the hidden --secret")
	}
	if strings.Contains(zsh, "'internal:") || strings.Contains(script(t, "fish", &toy{}, nil), "-a 'internal'") {
		t.Error("the hidden command is offered")
	}
}

func TestUnknownValuesKey(t *testing.T) {
	err := Write(&bytes.Buffer{}, "bash", toyModel(t, &toy{}), Options{Callback: "x", Values: map[string]Kind{"rm --nope": Files}})
	if err == nil || !strings.Contains(err.Error(), "rm --nope") {
		t.Errorf("got %v, want an error naming rm --nope", err)
	}
	if err := Write(&bytes.Buffer{}, "tcsh", toyModel(t, &toy{}), Options{Callback: "x"}); err == nil {
		t.Error("tcsh: no error")
	}
}

func TestKindLookup(t *testing.T) {
	b := builder{values: map[string]Kind{"--level": Dynamic, "run --box": Files}, used: map[string]bool{}}
	for _, tt := range []struct {
		path, target string
		want         Kind
	}{{"rm", "--level", Dynamic}, {"", "--level", Dynamic}, {"run", "--box", Files}, {"rm", "--box", None}} {
		if got := b.kind(tt.path, tt.target, None); got != tt.want {
			t.Errorf("%s %s: got %v, want %v", tt.path, tt.target, got, tt.want)
		}
	}
}
