package commands

import (
	"math/rand"
	"reflect"
	"slices"
	"testing"

	"github.com/alecthomas/kong"
)

// TestHotParseTakesPlainLines: the command lines people type go the fast
// way.
func TestHotParseTakesPlainLines(t *testing.T) {
	for _, args := range [][]string{
		{"run", "true"},
		{"run", "-c", "box", "ls", "-la"},
		{"-v", "run", "--container=box", "--", "sh", "-c", "exit 3"},
		{"run", "--preserve-fds", "2", "-d", "fedora", "-r", "39", "cat"},
		{"create", "-y", "-c", "box"},
		{"create", "--distro", "fedora", "--release", "-3"},
		{"--log-level", "debug", "create", "-i", "img:1", "name", "--authfile", "auth.json"},
		{"enter"},
		{"enter", "box"},
		{"-vv", "enter", "-cbox"},
	} {
		var cli CLI
		if _, _, ok := parseHot(&cli, args); !ok {
			t.Errorf("parseHot(%q) left it to kong", args)
		}
	}
}

// TestHotParseMatchesKong: whatever parseHot accepts, kong's whole grammar
// parses into the same command and the same values. The command lines are
// generated from every hot flag in every form, with values and words that
// kong reads in its own ways.
func TestHotParseMatchesKong(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	values := []string{"box", "-x", "--", "", "39", "0", "010", "0x1", "-1", "f38", "a=b"}
	words := []string{"name", "other", "ls", "-la", "--", "-", "--nope", "-Z", "-yc", "-vy", "-yv", "-cy",
		"-yvc", "--help", "-h", "--version", "help", "list", "--assumeyes=false", "--verbose=2", "-c=x"}
	prefix := []string{"-y", "-v", "-vv", "--log-level", "debug", "--log-podman", "--assumeyes", "--version", "-h", "list"}
	accepted := 0
	const lines = 6000
	for n := 0; n < lines; n++ {
		command := []string{"create", "enter", "run"}[rng.Intn(3)]
		var pool []string
		for _, f := range hotCommandFlags(command) {
			v := values[rng.Intn(len(values))]
			pool = append(pool, "--"+f.long, "--"+f.long+"="+v)
			if f.short != 0 {
				pool = append(pool, "-"+string(f.short), "-"+string(f.short)+v)
			}
		}
		pool = append(pool, words...)
		pool = append(pool, values...)
		var args []string
		for range rng.Intn(3) {
			args = append(args, prefix[rng.Intn(len(prefix))])
		}
		args = append(args, command)
		for range rng.Intn(7) {
			args = append(args, pool[rng.Intn(len(pool))])
		}

		var hot CLI
		name, _, ok := parseHot(&hot, args)
		if !ok {
			continue
		}
		accepted++
		whole, kctx, err := wholeParse(t, args)
		if err != nil {
			t.Errorf("%q: parseHot took it as %s, kong says %v", args, name, err)
			continue
		}
		if got := selectedCommand(kctx); got != name {
			t.Errorf("%q: parseHot took it as %s, kong as %s", args, name, got)
			continue
		}
		if !reflect.DeepEqual(hot.Globals, whole.Globals) {
			t.Errorf("%q: globals %+v, kong %+v", args, hot.Globals, whole.Globals)
		}
		if got, want := commandField(&hot, name), commandField(whole, name); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %+v, kong %+v", args, got, want)
		}
	}
	// The generator must exercise both ways: not every line is plain.
	t.Logf("accepted %d of %d", accepted, lines)
	if accepted < lines/10 || accepted > lines*9/10 {
		t.Errorf("parseHot accepted %d of %d generated lines", accepted, lines)
	}
}

// TestHotFlagsMatchKong: the hot commands' flags are the grammar's, by
// name, short name and whether they take a value.
func TestHotFlagsMatchKong(t *testing.T) {
	for _, command := range []string{"create", "enter", "run"} {
		var cli CLI
		stdio, _, _ := testIO("")
		p, err := newParser(&cli, stdio, command, nil)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, group := range [][]*kong.Flag{p.Model.Node.Flags, childCommand(p.Model.Node, command).Flags} {
			for _, f := range group {
				if f.Name != "version" && f.Name != "help" {
					want = append(want, describeFlag(f.Name, f.Short, !f.IsBool() && !f.IsCounter()))
				}
			}
		}
		var got []string
		for _, f := range hotCommandFlags(command) {
			got = append(got, describeFlag(f.long, f.short, f.takesValue(&cli)))
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: hot flags %q, grammar %q", command, got, want)
		}
	}
}

func describeFlag(long string, short rune, value bool) string {
	d := "--" + long
	if short != 0 {
		d += " -" + string(short)
	}
	if value {
		d += " VALUE"
	}
	return d
}
