// Package podman is the only code in toolbox that runs podman. It knows
// podman's arguments, its JSON and the meaning of its exit codes; it prints
// nothing to the user.
package podman

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strings"
)

// Runner runs podman with the given arguments. It is the only seam between
// this package and the podman process, so tests can script podman's
// answers.
type Runner interface {
	Run(ctx context.Context, args []string, stdio Stdio) error
}

// Stdio wires a podman process. A nil Stdin reads nothing, a nil Stdout
// discards, and a nil Stderr is captured into the returned *Error.
type Stdio struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// ExtraFiles are passed to podman as file descriptors 3 and up.
	ExtraFiles []*os.File
}

// Error is podman exiting non-zero.
type Error struct {
	Args     []string
	ExitCode int
	Stderr   string
}

func (e *Error) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if msg == "" {
		return fmt.Sprintf("podman %s: exit status %d", strings.Join(e.Args, " "), e.ExitCode)
	}
	return fmt.Sprintf("podman %s: exit status %d: %s", strings.Join(e.Args, " "), e.ExitCode, msg)
}

// ErrNotInstalled means podman(1) is not on PATH.
var ErrNotInstalled = errors.New("podman(1) not found")

// ExecRunner runs the real podman binary.
type ExecRunner struct {
	// Path is the podman executable; "podman" looks it up in PATH.
	Path string
	// Env, when not nil, replaces the environment of podman.
	Env []string
	// Log, when not nil, also gets podman's standard error where it is
	// otherwise only captured, once podman exits: --log-podman shows
	// podman's own logging.
	Log io.Writer
	// Ready, when not nil, is waited for before podman starts: main
	// closes it once toolbox handles Ctrl-C and SIGTERM, which it passes
	// on to podman.
	Ready <-chan struct{}
}

// Run implements Runner.
func (r ExecRunner) Run(ctx context.Context, args []string, s Stdio) error {
	path := r.Path
	if path == "" {
		path = "podman"
	}
	code, stderr, err := r.run(ctx, "podman", path, args, s)
	if r.Log != nil && s.Stderr == nil {
		_, _ = io.WriteString(r.Log, stderr)
	}
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return ErrNotInstalled
	case err != nil:
		return err
	case code != 0:
		return &Error{Args: args, ExitCode: code, Stderr: stderr}
	}
	return nil
}

// run starts name (what, in the debug log) once r.Ready allows, and
// returns its exit code and its standard error when s.Stderr is nil.
// A failure after ctx ended is ctx's error.
func (r ExecRunner) run(ctx context.Context, what, name string, args []string, s Stdio) (int, string, error) {
	slog.DebugContext(ctx, "Running "+what, "argv", quoteArgs(append([]string{name}, args...)))
	if r.Ready != nil {
		<-r.Ready
	}
	var stderr bytes.Buffer
	code, err := spawn(ctx, name, args, r.Env, s, &stderr)
	if err == nil && code != 0 && ctx.Err() != nil {
		err = ctx.Err()
	}
	return code, stderr.String(), err
}

// quoteArgs renders argv the way a shell user would type it.
func quoteArgs(argv []string) string {
	quoted := make([]string, len(argv))
	for i, a := range argv {
		if a != "" && !strings.ContainsAny(a, " \t\n'\"\\$`*?[]{}()<>|&;#~") {
			quoted[i] = a
			continue
		}
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(quoted, " ")
}

// exitCode returns podman's exit code from err, or -1 when err is not a
// podman exit.
func exitCode(err error) int {
	var pe *Error
	if errors.As(err, &pe) {
		return pe.ExitCode
	}
	return -1
}

// asError is errors.As for *Error.
func asError(err error, target **Error) bool { return errors.As(err, target) }

// lookPath finds an executable in PATH.
func lookPath(name string) (string, error) { return exec.LookPath(name) }
