package commands

import (
	"slices"

	"github.com/alecthomas/kong"

	"github.com/toolbx-go/toolbox/completion"
)

// Completion is the hidden `toolbox completion SHELL`: print the shell's
// completion script, made from this grammar.
type Completion struct {
	Shell []string `arg:"" optional:"" name:"shell" help:"The shell: bash, fish or zsh."`
}

// Run implements the command. It takes a list so that the argument count
// is reported as cobra reports it.
func (c *Completion) Run(kctx *kong.Context, stdio *IO) error {
	if len(c.Shell) != 1 {
		return UsageErrorf("accepts 1 arg(s), received %d", len(c.Shell))
	}
	if !slices.Contains(completion.Shells(), c.Shell[0]) {
		return UsageErrorf("invalid argument %q for \"toolbox completion\"", c.Shell[0])
	}
	return completion.Write(stdio.Out, c.Shell[0], kctx.Model, completionOptions())
}

// completionOptions tell the generator how each flag and argument completes.
func completionOptions() completion.Options {
	values := map[string]completion.Kind{"create --authfile": completion.Files, "create --volume": completion.Files,
		"enter --workdir": completion.Files, "run --workdir": completion.Files}
	for key := range completionSources() {
		values[key] = completion.Dynamic
	}
	return completion.Options{Callback: completeCommand, Values: values}
}
