// Package commands holds toolbox's command-line grammar and one file per
// command. It owns every message the user sees.
package commands

import (
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/alecthomas/kong"
)

// CLI is the root of the grammar.
type CLI struct {
	Globals

	Create        Create        `cmd:"" help:"Create a new Toolbx container."`
	Enter         Enter         `cmd:"" help:"Enter a Toolbx container for interactive use."`
	Help          HelpCmd       `cmd:"" help:"Display help information about Toolbx."`
	InitContainer InitContainer `cmd:"" name:"init-container" hidden:"" help:"Initialize a running container."`
	List          List          `cmd:"" help:"List existing Toolbx containers and images."`
	Rm            Rm            `cmd:"" help:"Remove one or more Toolbx containers."`
	Rmi           Rmi           `cmd:"" help:"Remove one or more Toolbx images."`
	Run           Run           `cmd:"" help:"Run a command in an existing Toolbx container."`
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

// IO is the process's standard streams and whether they are terminals.
type IO struct {
	In            io.Reader
	Out, Err      io.Writer
	InTTY, OutTTY bool
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

// Parser builds the kong parser for cli.
func Parser(cli *CLI, stdio *IO, options ...kong.Option) (*kong.Kong, error) {
	options = append([]kong.Option{
		kong.Name("toolbox"),
		kong.Description("Tool for interactive command line environments on Linux"),
		kong.NoDefaultHelp(),
		kong.Writers(stdio.Out, stdio.Err),
	}, options...)
	return kong.New(cli, options...)
}

// LogLevels returns the values --log-level takes, in logrus's order.
func LogLevels() []string {
	return []string{"trace", "debug", "info", "warn", "error", "fatal", "panic"}
}

// LevelTrace is slog's level for --log-level trace.
const LevelTrace = slog.Level(-8)

// SlogLevel maps a --log-level value to slog.
func SlogLevel(level string) (slog.Level, error) {
	switch strings.ToLower(level) {
	case "trace":
		return LevelTrace, nil
	case "debug":
		return slog.LevelDebug, nil
	case "info":
		return slog.LevelInfo, nil
	case "warn", "warning":
		return slog.LevelWarn, nil
	case "error", "fatal", "panic":
		return slog.LevelError, nil
	}
	return 0, fmt.Errorf("failed to parse log-level")
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
