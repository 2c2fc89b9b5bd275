package commands

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/toolbx-go/toolbox/commands/host"
)

// HelpCmd is `toolbox help [COMMAND]`.
type HelpCmd struct {
	Command []string `arg:"" optional:"" name:"command" help:"The command to show the manual of."`
}

func (*HelpCmd) needs() needs { return needs{onHost: true} }

// Run implements the command.
func (c *HelpCmd) Run(ctx context.Context, stdio *IO) error {
	if len(c.Command) == 0 {
		return ShowHelp(ctx, stdio, "")
	}
	if !slices.Contains(commandNames(), c.Command[0]) {
		return UsageErrorf("unknown command %q for \"toolbox help\"", c.Command[0])
	}
	return ShowHelp(ctx, stdio, c.Command[0])
}

// commonCommands is the summary Toolbx prints without a manual.
const commonCommands = `create    Create a new Toolbx container
enter     Enter an existing Toolbx container
list      List all existing Toolbx containers and images
`

// missingCommand is the error for `toolbox` alone.
func missingCommand() error {
	return errors.New("missing command\n\n" + commonCommands + "\n" + usageHint)
}

// ShowHelp opens the manual page of command (toolbox(1) when empty) with
// man(1), or prints a short summary when the manual is not there.
func ShowHelp(ctx context.Context, stdio *IO, command string) error {
	page := "toolbox"
	if command != "" {
		page += "-" + command
	}
	if code, err := host.Run(ctx, "man", []string{"-w", page}, host.Stdio{}); err == nil && code == 0 {
		// man's errors go with its output, as cobra's help does.
		code, err := host.Run(ctx, "man", []string{page}, host.Stdio{In: stdio.In, Out: stdio.Out, Err: stdio.Out})
		switch {
		case err != nil:
			return fmt.Errorf("failed to run man: %w", err)
		case code != 0:
			return &ExitError{Code: code}
		}
		return nil
	}
	fmt.Fprintf(stdio.Out, "toolbox - Tool for interactive command line environments on Linux\n\n"+
		"Common commands are:\n%s\nGo to https://github.com/containers/toolbox for further information.\n", commonCommands)
	return nil
}
