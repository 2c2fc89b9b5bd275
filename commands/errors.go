package commands

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/alecthomas/kong"
)

// ExitError carries an exit code out of a command. An empty Err prints
// nothing, so `toolbox run false` exits 1 silently.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return ""
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// ExitCode implements kong.ExitCoder.
func (e *ExitError) ExitCode() int { return e.Code }

// exitf returns an ExitError with a formatted message.
func exitf(code int, format string, a ...any) error {
	return &ExitError{Code: code, Err: fmt.Errorf(format, a...)}
}

// HelpRequest is --help or -h on the command line: show the manual.
type HelpRequest struct{ Command string }

func (h *HelpRequest) Error() string { return "help requested" }

const errVersion = constError("version requested")

// constError is the type of the sentinels: constants, so nothing can
// change them.
type constError string

func (e constError) Error() string { return string(e) }

// IsVersionRequest says whether err is --version on the command line.
func IsVersionRequest(err error) bool { return errors.Is(err, errVersion) }

const usageHint = "Run 'toolbox --help' for usage."

// UsageErrorf is a usage error: the message, then the hint to run --help.
func UsageErrorf(format string, a ...any) error {
	return fmt.Errorf(format+"\n"+usageHint, a...)
}

// UsageError rewords a kong parse error the way cobra words it, since
// users' scripts and Toolbx's tests rely on the wording.
func UsageError(err error, args []string) error {
	var pe *kong.ParseError
	if !errors.As(err, &pe) {
		return err
	}
	cmd := "toolbox"
	if name := selectedCommand(pe.Context); name != "" {
		cmd = "toolbox " + name
	}
	msg := rewordParseError(pe.Unwrap().Error(), cmd, args)
	if msg == "missing command" {
		return missingCommand()
	}
	return UsageErrorf("%s", msg)
}

// rewordParseError maps kong's message to cobra's. Its expressions are
// compiled here, on the error path, not at every start.
func rewordParseError(msg, cmd string, args []string) string {
	reUnknownFlag := regexp.MustCompile(`^unknown flag (--?)(\S+?)(,|$)`)
	reUnexpectedArg := regexp.MustCompile(`^unexpected argument (\S+?)(,|$)`)
	reNeedsValue := regexp.MustCompile(`^(--\S+|-\S)(?:, -\S)?: expected .*value`)
	reFlagValue := regexp.MustCompile(`^--(\S+): (.*)$`)
	reNumber := regexp.MustCompile(`^--(\S+): expected a valid \d+ bit (u?int) but got ("(?:[^"\\]|\\.)*")$`)
	if m := reUnknownFlag.FindStringSubmatch(msg); m != nil {
		if m[1] == "-" {
			return fmt.Sprintf("unknown shorthand flag: '%s' in -%s", m[2][:1], m[2])
		}
		return "unknown flag: --" + m[2]
	}
	if m := reUnexpectedArg.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("unknown command %q for %q", m[1], cmd)
	}
	if m := reNeedsValue.FindStringSubmatch(msg); m != nil {
		// kong names the long flag; the user may have typed the short one.
		if n := len(args); n > 0 && len(args[n-1]) == 2 && args[n-1][0] == '-' && args[n-1][1] != '-' {
			return fmt.Sprintf("flag needs an argument: '%c' in %s", args[n-1][1], args[n-1])
		}
		return "flag needs an argument: " + m[1]
	}
	if strings.HasPrefix(msg, "expected one of ") || msg == "expected <command>" {
		return "missing command"
	}
	if rest, ok := strings.CutPrefix(msg, "missing flags: "); ok {
		return requiredFlags(rest)
	}
	if m := reNumber.FindStringSubmatch(msg); m != nil {
		if text := pflagNumberError(m[1], m[2], m[3]); text != "" {
			return text
		}
	}
	if m := reFlagValue.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("invalid argument for '--%s': %s", m[1], m[2])
	}
	return msg
}

// pflagNumberError is pflag's message for a number flag given a value it
// cannot parse, with strconv's reason ("" when strconv would take it).
func pflagNumberError(flag, kind, quoted string) string {
	value, err := strconv.Unquote(quoted)
	if err != nil {
		return ""
	}
	if kind == "uint" {
		_, err = strconv.ParseUint(value, 0, 64)
	} else {
		_, err = strconv.ParseInt(value, 0, 64)
	}
	if err == nil {
		return ""
	}
	return fmt.Sprintf("invalid argument %q for %q flag: %v", value, "--"+flag, err)
}

// requiredFlags words kong's list of missing flags ("--home=STRING,
// --uid=INT") as cobra does: required flag(s) "home", "uid" not set.
func requiredFlags(list string) string {
	var names []string
	for _, f := range strings.Split(list, ", ") {
		name, _, _ := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		names = append(names, strconv.Quote(name))
	}
	slices.Sort(names)
	return fmt.Sprintf("required flag(s) %s not set", strings.Join(names, ", "))
}
