// Package completion writes bash, zsh and fish completion scripts for a
// kong grammar. The scripts carry the grammar itself (commands, flags, their
// short forms, which flags take values, positional arguments); values that
// change, such as container names, they ask the program for at completion
// time through a hidden command:
//
//	PROG CALLBACK -- PATH TARGET [ARG...]
//
// PATH is the command path ("" for the root, "rm"), TARGET a flag
// ("--image") or a positional argument ("<container>"), and the ARGs are the
// positional arguments already on the line, then the flags typed, as typed
// ("--distro", "-yd"), those whose value is on the line with "=" and the
// value ("--distro=x", "-c=x", "-yc=x"; zsh gives each flag once, by the
// form typed). Flags are the ARGs that start with "-". The program prints one
// value a line. PROG is the program as the user typed it, or Options.Name
// when that is not a command.
package completion

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/alecthomas/kong"
)

// Kind says how the value of a flag or positional argument completes.
type Kind int

const (
	// None offers nothing.
	None Kind = iota
	// Files offers file names.
	Files
	// Dynamic offers what the program prints when called back.
	Dynamic
	// Commands offers command names. On a passthrough argument, the words
	// after the command complete as file names (as the command's own
	// arguments in zsh).
	Commands
)

// Options say how to complete a grammar.
type Options struct {
	// Name is the command the scripts register for and call back when
	// the typed one is not a command; empty means the kong application's.
	Name string
	// Callback is the hidden command that prints Dynamic values.
	Callback string
	// Values maps "PATH TARGET" to how TARGET completes in the command
	// at PATH, e.g. "rm <container>" or "create --authfile"; a key of just
	// a TARGET such as "--log-level" applies to every command. Values
	// not listed complete as None, except that passthrough arguments
	// complete as Commands and flags of kong types path, existingfile and
	// existingdir as Files.
	Values map[string]Kind
}

// Shells lists the shells Write knows.
func Shells() []string { return []string{"bash", "fish", "zsh"} }

// Write writes the completion script for shell.
func Write(w io.Writer, shell string, app *kong.Application, opts Options) error {
	m, err := build(app, opts)
	if err != nil {
		return err
	}
	switch shell {
	case "bash":
		return writeBash(w, m)
	case "fish":
		return writeFish(w, m)
	case "zsh":
		return writeZsh(w, m)
	}
	return fmt.Errorf("no completion for shell %q", shell)
}

// model is the grammar as the scripts see it.
type model struct {
	name, callback string
	commands       []*command // depth first; the root first
}

type command struct {
	path     string // "" for the root, else the command names joined by spaces
	name     string
	help     string
	hidden   bool
	children []*command
	flags    []flag // inherited ones first
	args     []arg
}

type flag struct {
	long    string // with the dashes
	short   string // "-y", or empty
	negated string // "--no-foo" for a negatable flag, or empty
	help    string
	value   bool   // takes a value
	meta    string // what the value is, for zsh's messages
	hidden  bool
	repeat  bool // may be given more than once
	kind    Kind
}

type arg struct {
	target      string // "<name>"
	help        string
	variadic    bool
	passthrough bool // the words after the first are the command's own
	kind        Kind
}

// forms lists the words that name the flag.
func (f flag) forms() []string {
	out := []string{f.long}
	if f.short != "" {
		out = append(out, f.short)
	}
	return out
}

// visibleChildren are the subcommands to offer.
func (c *command) visibleChildren() []*command {
	var out []*command
	for _, ch := range c.children {
		if !ch.hidden {
			out = append(out, ch)
		}
	}
	return out
}

// rest is the index of the passthrough argument, or -1.
func (c *command) rest() int {
	return slices.IndexFunc(c.args, func(a arg) bool { return a.passthrough })
}

// joinPath appends name to a command path.
func joinPath(path, name string) string {
	return strings.TrimSpace(path + " " + name)
}
