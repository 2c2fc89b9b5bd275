// Package commands is toolbox's command-line grammar, one file per
// command, and every word the user reads: the model (toolbx), the host
// and init-container's work return typed errors, which commands words as
// Toolbx does.
package commands

import (
	"fmt"
	"io"

	"github.com/alecthomas/kong"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// CLI is the root of the grammar, in the order help and completion list
// the commands.
type CLI struct {
	Globals

	Create        Create        `cmd:"" help:"Create a new Toolbx container."`
	Enter         Enter         `cmd:"" help:"Enter a Toolbx container for interactive use."`
	Export        Export        `cmd:"" help:"Export applications and programs of a Toolbx container to the host."`
	Help          HelpCmd       `cmd:"" help:"Display help information about Toolbx."`
	InitContainer InitContainer `cmd:"" name:"init-container" hidden:"" help:"Initialize a running container."`
	List          List          `cmd:"" help:"List existing Toolbx containers and images."`
	Rm            Rm            `cmd:"" help:"Remove one or more Toolbx containers."`
	Rmi           Rmi           `cmd:"" help:"Remove one or more Toolbx images."`
	Run           Run           `cmd:"" help:"Run a command in an existing Toolbx container."`
	Stop          Stop          `cmd:"" help:"Stop one or more running Toolbx containers."`
	Completion    Completion    `cmd:"" hidden:"" help:"Generate the autocompletion script for the specified shell."`
	Complete      Complete      `cmd:"" name:"__complete" hidden:"" help:"Print the values a completion script asks for."`
}

// Globals are the flags accepted before or after any command.
type Globals struct {
	AssumeYes bool        `name:"assumeyes" short:"y" help:"Automatically answer yes for all questions."`
	LogLevel  string      `name:"log-level" default:"error" placeholder:"LEVEL" help:"Log messages at the specified level: trace, debug, info, warn, error, fatal or panic."`
	LogPodman bool        `name:"log-podman" help:"Show the log output of Podman. The log level is handled by the log-level option."`
	Verbose   int         `short:"v" type:"counter" help:"Set log-level to 'debug'."`
	Version   versionFlag `name:"version" help:"Show the version."`
	HelpFlag  helpFlag    `name:"help" short:"h" help:"Show help."`
}

// Parser builds the kong parser of the grammar into cli.
func Parser(cli *CLI, stdio *IO, options ...kong.Option) (*kong.Kong, error) {
	return kong.New(cli, append([]kong.Option{
		kong.Name("toolbox"),
		kong.Description("Tool for interactive command line environments on Linux"),
		kong.NoDefaultHelp(),
		kong.Writers(stdio.Out, stdio.Err),
	}, options...)...)
}

// Parse parses args into cli, reading flag values as pflag does
// (JoinFlagValues).
func Parse(cli *CLI, stdio *IO, args []string, options ...kong.Option) (*kong.Context, error) {
	p, err := Parser(cli, stdio, options...)
	if err != nil {
		return nil, err
	}
	return p.Parse(JoinFlagValues(p.Model, args))
}

// IO is the process's standard streams, whether they are terminals, and
// what the user said for every question (-y). It is the model's UI.
type IO struct {
	In            io.Reader
	Out, Err      io.Writer
	InTTY, OutTTY bool
	AssumeYes     bool
	// Interrupts, when not nil, gets the signals toolbox handles.
	Interrupts *Interrupts
}

// Errorf prints one "Error: ..." line on standard error.
func (s *IO) Errorf(format string, a ...any) {
	fmt.Fprintf(s.Err, "Error: "+format+"\n", a...)
}

// Interactive says whether both stdin and stdout are terminals.
func (s *IO) Interactive() bool { return s.InTTY && s.OutTTY }

// versionFlag prints the version when it is parsed, before any validation,
// as cobra's --version does.
type versionFlag bool

// BeforeReset implements kong's hook.
func (versionFlag) BeforeReset(*kong.Context) error { return errVersion }

// helpFlag turns --help into `toolbox help [COMMAND]`.
type helpFlag bool

// BeforeReset implements kong's hook.
func (helpFlag) BeforeReset(ctx *kong.Context) error {
	return &HelpRequest{Command: selectedCommand(ctx)}
}

// flagGiven says whether the flag name was on the command line.
func flagGiven(ctx *kong.Context, name string) bool {
	for _, p := range ctx.Path {
		if p.Flag != nil && p.Flag.Name == name {
			return true
		}
	}
	return false
}

// selectedCommand returns the name of the deepest command on the parse path.
func selectedCommand(ctx *kong.Context) string {
	name := ""
	for _, p := range ctx.Path {
		if p.Command != nil {
			name = p.Command.Name
		}
	}
	return name
}

// LogLevels returns the values --log-level takes, in logrus's order.
func LogLevels() []string {
	return []string{"trace", "debug", "info", "warn", "error", "fatal", "panic"}
}

// ShowPodmanLog says whether podman's own logging is shown: --log-podman
// or -vv.
func (g *Globals) ShowPodmanLog() bool { return g.LogPodman || g.Verbose >= 2 }

// PodmanLogLevel is the --log-level given to podman: the same as ours when
// its logging is shown, otherwise "error".
func (g *Globals) PodmanLogLevel() string {
	if g.ShowPodmanLog() {
		return g.EffectiveLogLevel()
	}
	return "error"
}

// EffectiveLogLevel folds -v into --log-level.
func (g *Globals) EffectiveLogLevel() string {
	if g.Verbose > 0 && (g.LogLevel == "" || g.LogLevel == "error") {
		return "debug"
	}
	return g.LogLevel
}

// DistroNames lists the supported --distro values.
func DistroNames() []string { return toolbx.DistroNames() }

// commandNames are the commands that have a manual page.
func commandNames() []string {
	return []string{"completion", "create", "enter", "export", "help", "init-container", "list", "rm", "rmi", "run", "stop"}
}
