package commands

import (
	"context"
	"strconv"
	"strings"

	"github.com/toolbx-go/toolbox/podman"
)

// parseHot parses, without kong, the plain command lines of create, enter
// and run: those on the hot path of people's shells and scripts. kong
// builds its model of a command by reflection on every call: skipping it
// saves about 1.4 ms per call on our 2-core VM, of the 17-19 ms toolbox
// adds to `podman create`. It reports ok only for a parse kong would make the same
// way (TestHotParseMatchesKong checks that over generated command lines);
// anything else (help, --version, an unknown or malformed flag, "--"
// before the command, more names than one, a value kong reads its own
// way) is left to kong, which also words every error.
func parseHot(cli *CLI, args []string) (name string, cmd hotCommand, ok bool) {
	*cli = CLI{Globals: Globals{LogLevel: "error"}}
	flags := hotGlobals
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case name == "run" && !strings.HasPrefix(a, "-"), name == "run" && a == "--":
			cli.Run.Command = args[i:]
			return name, &cli.Run, true
		case a == "-" || a == "--":
			return "", nil, false
		case strings.HasPrefix(a, "--"):
			long, value, hasValue := strings.Cut(a[2:], "=")
			f, found := findHotFlag(flags, func(f hotFlag) bool { return f.long == long })
			if !found {
				return "", nil, false
			}
			if !hasValue && f.takesValue(cli) {
				if i+1 == len(args) {
					return "", nil, false
				}
				i++
				value = args[i]
			}
			if hasValue && !f.takesValue(cli) || !f.set(cli, value) {
				return "", nil, false
			}
		case strings.HasPrefix(a, "-"):
			next, ok := parseShortFlags(cli, flags, a[1:], args[i+1:])
			if !ok {
				return "", nil, false
			}
			i += next
		case name == "":
			if flags = hotCommandFlags(a); flags == nil {
				return "", nil, false
			}
			name = a
		default:
			names := hotNames(cli, name)
			if len(*names) > 0 {
				return "", nil, false
			}
			*names = append(*names, a)
		}
	}
	switch name {
	case "create":
		return name, &cli.Create, true
	case "enter":
		return name, &cli.Enter, true
	case "run":
		return name, &cli.Run, true
	}
	return "", nil, false
}

// parseShortFlags parses the cluster after "-" (as in -y, -vv, -yc NAME,
// -cNAME) and returns how many of the following arguments it took.
func parseShortFlags(cli *CLI, flags []hotFlag, cluster string, rest []string) (int, bool) {
	for j, short := range cluster {
		f, found := findHotFlag(flags, func(f hotFlag) bool { return f.short == short })
		if !found {
			return 0, false
		}
		if !f.takesValue(cli) {
			f.set(cli, "")
			continue
		}
		value := cluster[j+1:]
		switch {
		case strings.HasPrefix(value, "=") && j == 0:
			return 0, f.set(cli, value[1:]) // -c=NAME, as pflag reads it
		case strings.HasPrefix(value, "="):
			return 0, false
		case value != "":
			return 0, f.set(cli, value)
		case len(rest) == 0:
			return 0, false
		case strings.HasPrefix(rest[0], "-") && j > 0:
			return 0, false // kong reads a flag there; pflag, a value
		}
		return 1, f.set(cli, rest[0])
	}
	return 0, true
}

// hotCommand is what create, enter and run have in common: they run with
// the podman client, the streams, the host and the global flags.
type hotCommand interface {
	Run(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, g *Globals) error
}

// hotFlag is a flag parseHot knows; field points into CLI at a *bool (a
// switch), an *int (a counter), a *string or a *uint.
type hotFlag struct {
	long  string
	short rune
	field func(*CLI) any
}

func (f hotFlag) takesValue(cli *CLI) bool {
	switch f.field(cli).(type) {
	case *bool, *int:
		return false
	}
	return true
}

// set stores value; false when kong would read it another way or refuse
// it.
func (f hotFlag) set(cli *CLI, value string) bool {
	switch p := f.field(cli).(type) {
	case *bool:
		*p = true
	case *int:
		*p++
	case *string:
		*p = value
	case *uint:
		// kong reads 010 as octal and 0x10 as hex; only plain decimals
		// here.
		if value != "0" && (value == "" || value[0] < '1' || value[0] > '9') {
			return false
		}
		n, err := strconv.ParseUint(value, 10, 0)
		if err != nil {
			return false
		}
		*p = uint(n)
	}
	return true
}

func findHotFlag(flags []hotFlag, match func(hotFlag) bool) (hotFlag, bool) {
	for _, f := range flags {
		if match(f) {
			return f, true
		}
	}
	return hotFlag{}, false
}

// hotGlobals are Globals' flags but --version and --help, which kong
// handles.
var hotGlobals = []hotFlag{
	{long: "assumeyes", short: 'y', field: func(c *CLI) any { return &c.AssumeYes }},
	{long: "log-level", field: func(c *CLI) any { return &c.LogLevel }},
	{long: "log-podman", field: func(c *CLI) any { return &c.LogPodman }},
	{long: "verbose", short: 'v', field: func(c *CLI) any { return &c.Verbose }},
}

// hotCommandFlags returns the flags command accepts, globals included, or
// nil when parseHot does not parse it. TestHotFlagsMatchKong keeps them
// equal to the grammar's.
func hotCommandFlags(command string) []hotFlag {
	var own []hotFlag
	switch command {
	case "create":
		own = []hotFlag{
			{long: "container", short: 'c', field: func(c *CLI) any { return &c.Create.ContainerFlag }},
			{long: "authfile", field: func(c *CLI) any { return &c.Create.AuthFile }},
			{long: "distro", short: 'd', field: func(c *CLI) any { return &c.Create.Distro }},
			{long: "image", short: 'i', field: func(c *CLI) any { return &c.Create.Image }},
			{long: "release", short: 'r', field: func(c *CLI) any { return &c.Create.Release }},
		}
	case "enter":
		own = []hotFlag{
			{long: "container", short: 'c', field: func(c *CLI) any { return &c.Enter.ContainerFlag }},
			{long: "distro", short: 'd', field: func(c *CLI) any { return &c.Enter.Distro }},
			{long: "release", short: 'r', field: func(c *CLI) any { return &c.Enter.Release }},
		}
	case "run":
		own = []hotFlag{
			{long: "container", short: 'c', field: func(c *CLI) any { return &c.Run.Container }},
			{long: "distro", short: 'd', field: func(c *CLI) any { return &c.Run.Distro }},
			{long: "preserve-fds", field: func(c *CLI) any { return &c.Run.PreserveFDs }},
			{long: "release", short: 'r', field: func(c *CLI) any { return &c.Run.Release }},
		}
	default:
		return nil
	}
	return append(own, hotGlobals...)
}

// hotNames is where create's and enter's CONTAINER argument goes.
func hotNames(cli *CLI, command string) *[]string {
	if command == "create" {
		return &cli.Create.Name
	}
	return &cli.Enter.Name
}
