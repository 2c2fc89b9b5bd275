package commands

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"slices"
)

// HelpCmd is `toolbox help [COMMAND]`.
type HelpCmd struct {
	Command []string `arg:"" optional:"" name:"command" help:"The command to show the manual of."`
}

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

func commandNames() []string {
	return []string{"completion", "create", "enter", "help", "init-container", "list", "rm", "rmi", "run"}
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
	man, err := exec.LookPath("man")
	if err == nil && exec.CommandContext(ctx, man, "-w", page).Run() == nil {
		cmd := exec.CommandContext(ctx, man, page)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = stdio.In, stdio.Out, stdio.Out
		var exitErr *exec.ExitError
		if err := cmd.Run(); errors.As(err, &exitErr) {
			return &ExitError{Code: exitErr.ExitCode()}
		} else if err != nil {
			return fmt.Errorf("failed to run man: %w", err)
		}
		return nil
	}
	fmt.Fprintf(stdio.Out, "toolbox - Tool for interactive command line environments on Linux\n\n"+
		"Common commands are:\n%s\nGo to https://github.com/containers/toolbox for further information.\n", commonCommands)
	return nil
}
