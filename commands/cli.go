// Package commands holds toolbox's command-line grammar and one file per
// command. It owns every message the user sees.
package commands

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/alecthomas/kong"

	"github.com/toolbx-go/toolbox/podman"
)

// CLI is the root of the grammar. Its commands are added to kong by
// Parser from the commands table, so that the hot path can build a grammar
// with only the command it runs.
type CLI struct {
	Globals

	Create        Create        `kong:"-"`
	Enter         Enter         `kong:"-"`
	Help          HelpCmd       `kong:"-"`
	InitContainer InitContainer `kong:"-"`
	List          List          `kong:"-"`
	Rm            Rm            `kong:"-"`
	Rmi           Rmi           `kong:"-"`
	Run           Run           `kong:"-"`
	Completion    Completion    `kong:"-"`
	Complete      Complete      `kong:"-"`
}

// command is one of CLI's commands, in the order help and completion list
// them.
type command struct {
	name, help string
	hidden     bool
	// fast: a successful parse with only this command means the same as
	// one with the whole grammar (see Parse).
	fast bool
	// podman: the command runs podman on the host, so it needs the user's
	// subordinate ids and a migrated podman first.
	podman bool
	field  func(*CLI) any
}

var commandTable = []command{
	{name: "create", help: "Create a new Toolbx container.", fast: true, podman: true,
		field: func(c *CLI) any { return &c.Create }},
	{name: "enter", help: "Enter a Toolbx container for interactive use.", fast: true, podman: true,
		field: func(c *CLI) any { return &c.Enter }},
	{name: "help", help: "Display help information about Toolbx.",
		field: func(c *CLI) any { return &c.Help }},
	{name: "init-container", help: "Initialize a running container.", hidden: true, fast: true,
		field: func(c *CLI) any { return &c.InitContainer }},
	{name: "list", help: "List existing Toolbx containers and images.", fast: true, podman: true,
		field: func(c *CLI) any { return &c.List }},
	{name: "rm", help: "Remove one or more Toolbx containers.", fast: true, podman: true,
		field: func(c *CLI) any { return &c.Rm }},
	{name: "rmi", help: "Remove one or more Toolbx images.", fast: true, podman: true,
		field: func(c *CLI) any { return &c.Rmi }},
	{name: "run", help: "Run a command in an existing Toolbx container.", fast: true, podman: true,
		field: func(c *CLI) any { return &c.Run }},
	{name: "completion", help: "Generate the autocompletion script for the specified shell.", hidden: true,
		field: func(c *CLI) any { return &c.Completion }},
	{name: "__complete", help: "Print the values a completion script asks for.", hidden: true,
		field: func(c *CLI) any { return &c.Complete }},
}

// runsPodman says whether the command name runs podman on the host.
func runsPodman(name string) bool {
	for _, c := range commandTable {
		if c.name == name {
			return c.podman
		}
	}
	return false
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

// Parser builds the kong parser for cli with every command.
func Parser(cli *CLI, stdio *IO, options ...kong.Option) (*kong.Kong, error) {
	return newParser(cli, stdio, "", options)
}

// Parse parses args into cli. Building kong's model costs a few
// milliseconds per command (reflection over every field and tag), which
// `toolbox run` would pay on every call. So the plain command lines of
// create, enter and run are parsed by parseHot, without kong; and when
// args name another command marked fast, the grammar holds only that
// command: once a command is chosen, no other command takes part in
// parsing, so a parse that succeeds there succeeds the same with every
// command. Any failure, --help and --version included, is parsed again
// with the whole grammar, so what the user sees does not depend on this.
func Parse(cli *CLI, stdio *IO, args []string, options ...kong.Option) (*Parsed, error) {
	if name, cmd, ok := parseHot(cli, args); ok {
		return &Parsed{Command: name, hot: cmd}, nil
	}
	*cli = CLI{}
	if name := fastCommand(args); name != "" {
		p, err := newParser(cli, stdio, name, options)
		if err != nil {
			return nil, err
		}
		if kctx, err := p.Parse(JoinFlagValues(p.Model, args)); err == nil {
			return &Parsed{Command: name, kctx: kctx}, nil
		}
		*cli = CLI{}
	}
	p, err := Parser(cli, stdio, options...)
	if err != nil {
		return nil, err
	}
	kctx, err := p.Parse(JoinFlagValues(p.Model, args))
	if err != nil {
		return nil, err
	}
	return &Parsed{Command: selectedCommand(kctx), kctx: kctx}, nil
}

// Parsed is a parsed command line.
type Parsed struct {
	// Command is the name of the command it runs.
	Command string
	kctx    *kong.Context // nil when parseHot parsed it
	hot     hotCommand
}

// Run runs the command.
func (p *Parsed) Run(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, g *Globals) error {
	if p.hot != nil {
		return p.hot.Run(ctx, pm, stdio, h, g)
	}
	p.kctx.BindTo(ctx, (*context.Context)(nil))
	return p.kctx.Run(pm, stdio, h, g)
}

// fastCommand returns the command args name when it is marked fast: the
// first word that is neither a flag nor --log-level's value.
func fastCommand(args []string) string {
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--":
			return ""
		case a == "--log-level":
			i++
		case strings.HasPrefix(a, "-"):
		default:
			for _, c := range commandTable {
				if c.name == a && c.fast {
					return a
				}
			}
			return ""
		}
	}
	return ""
}

// newParser builds a parser with the command named only, or every command
// when only is "".
func newParser(cli *CLI, stdio *IO, only string, options []kong.Option) (*kong.Kong, error) {
	all := []kong.Option{
		kong.Name("toolbox"),
		kong.Description("Tool for interactive command line environments on Linux"),
		kong.NoDefaultHelp(),
		kong.Writers(stdio.Out, stdio.Err),
	}
	for _, c := range commandTable {
		if only != "" && c.name != only {
			continue
		}
		var tags []string
		if c.hidden {
			tags = append(tags, `hidden:""`)
		}
		all = append(all, kong.DynamicCommand(c.name, c.help, "", c.field(cli), tags...))
	}
	return kong.New(cli, append(all, options...)...)
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
