package commands

import (
	"reflect"
	"testing"

	"github.com/alecthomas/kong"
)

// wholeParse parses args with every command in the grammar.
func wholeParse(t *testing.T, args []string) (*CLI, *kong.Context, error) {
	t.Helper()
	var cli CLI
	stdio, _, _ := testIO("")
	p, err := Parser(&cli, stdio)
	if err != nil {
		t.Fatal(err)
	}
	kctx, err := p.Parse(JoinFlagValues(p.Model, args))
	return &cli, kctx, err
}

func TestFastCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "true"}, "run"},
		{[]string{"-y", "--log-level", "debug", "create"}, "create"},
		{[]string{"--log-level=debug", "-vv", "enter", "c"}, "enter"},
		{[]string{"--log-level", "run", "list"}, "list"},
		{[]string{"init-container", "--uid", "1"}, "init-container"},
		{[]string{"help", "run"}, ""},
		{[]string{"__complete", "run"}, ""},
		{[]string{"completion", "bash"}, ""},
		{[]string{"--", "run"}, ""},
		{[]string{"frobnicate", "run"}, ""},
		{[]string{"--version"}, ""},
		{nil, ""},
	} {
		if got := fastCommand(tc.args); got != tc.want {
			t.Errorf("fastCommand(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}

// TestFastParseMatchesWholeGrammar: whatever the one-command grammar
// accepts, the whole grammar accepts the same way, and every failure reads
// exactly as the whole grammar's.
func TestFastParseMatchesWholeGrammar(t *testing.T) {
	for _, args := range [][]string{
		{"run", "true"},
		{"run", "-c", "box", "ls", "-la", "--color"},
		{"-y", "run", "--preserve-fds", "2", "sh", "-c", "exit 3"},
		{"run", "--container=box", "--", "-weird"},
		{"run"},
		{"run", "--nope", "true"},
		{"run", "--help"},
		{"--version", "run", "true"},
		{"--log-level", "debug", "create", "-i", "img:1", "name"},
		{"create", "--distro", "fedora", "--release", "-3"},
		{"create", "a", "b"},
		{"create", "-x"},
		{"enter"},
		{"enter", "box", "extra"},
		{"-v", "list", "--containers"},
		{"list", "-i", "-c"},
		{"rm", "-a", "-f"},
		{"rm", "--all", "box"},
		{"rmi", "img", "--force"},
		{"init-container", "--uid", "1000", "--user", "me", "--home", "/home/me", "--shell", "/bin/bash"},
		{"init-container", "--uid", "x"},
		{"-h", "create"},
		{"create", "help"},
		{"run", "list"},
	} {
		fastCLI, fastParsed, fastErr := parse(t, args...)
		wholeCLI, wholeCtx, wholeErr := wholeParse(t, args)
		if (fastErr == nil) != (wholeErr == nil) {
			t.Errorf("%q: fast error %v, whole-grammar error %v", args, fastErr, wholeErr)
			continue
		}
		if fastErr != nil {
			if errText(fastErr) != errText(wholeErr) {
				t.Errorf("%q: fast error %q, whole-grammar error %q", args, errText(fastErr), errText(wholeErr))
			}
			continue
		}
		if got, want := fastParsed.Command, selectedCommand(wholeCtx); got != want {
			t.Errorf("%q: command %q, whole grammar %q", args, got, want)
		}
		// Only the chosen command and the globals are parsed; the whole
		// grammar also fills other commands' defaults, which nothing reads.
		if !reflect.DeepEqual(fastCLI.Globals, wholeCLI.Globals) {
			t.Errorf("%q: globals %+v, whole grammar %+v", args, fastCLI.Globals, wholeCLI.Globals)
		}
		got, want := commandField(fastCLI, fastParsed.Command), commandField(wholeCLI, selectedCommand(wholeCtx))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %+v, whole grammar %+v", args, got, want)
		}
	}
}

// commandField is the struct in cli that command name parses into.
func commandField(cli *CLI, name string) any {
	for _, c := range commandTable {
		if c.name == name {
			return c.field(cli)
		}
	}
	return nil
}
