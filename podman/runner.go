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
	"syscall"
	"time"
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
	// OwnProcessGroup starts podman in a process group of its own, so
	// that a terminal's Ctrl-C, which goes to the whole foreground group,
	// reaches toolbox only: podman exec would exit at once on it, leaving
	// the command running in the container, and toolbox passes the signal
	// on to the command instead. Only for a podman that does not read the
	// terminal: a background group that reads it is stopped (SIGTTIN).
	OwnProcessGroup bool
}

// Error is podman exiting non-zero. A podman that a signal ended has
// ExitCode 128+N, as a shell reports it, and Signal N.
type Error struct {
	Args     []string
	ExitCode int
	Signal   syscall.Signal
	Stderr   string
}

func (e *Error) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if e.Signal != 0 {
		msg = strings.TrimSpace(fmt.Sprintf("%v (signal %d) %s", e.Signal, int(e.Signal), msg))
	}
	if msg == "" {
		return fmt.Sprintf("podman %s: exit status %d", strings.Join(e.Args, " "), e.ExitCode)
	}
	return fmt.Sprintf("podman %s: exit status %d: %s", strings.Join(e.Args, " "), e.ExitCode, msg)
}

// cancelGrace is how long a podman whose context was cancelled has
// between SIGINT, on which it cleans up as on a terminal's Ctrl-C, and
// SIGKILL; it also bounds the wait for output that a process podman left
// behind holds open.
const cancelGrace = 5 * time.Second

// ExecRunner runs the real podman binary.
type ExecRunner struct {
	// Path is the podman executable; "podman" looks it up in PATH.
	Path string
	// Env, when not nil, replaces the environment of podman.
	Env []string
	// Log, when not nil, also gets podman's standard error where it is
	// otherwise only captured, as podman writes it: --log-podman shows
	// podman's own logging.
	Log io.Writer
}

// Run implements Runner.
func (r ExecRunner) Run(ctx context.Context, args []string, s Stdio) error {
	path := r.Path
	if path == "" {
		path = "podman"
	}
	code, stderr, err := r.run(ctx, "podman", path, args, s)
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return ErrNotInstalled
	case err != nil:
		return err
	case code != 0:
		return &Error{Args: args, ExitCode: code, Signal: signalOf(code), Stderr: stderr}
	}
	return nil
}

// signalOf is the signal of a code that run made 128+N, 0 otherwise.
func signalOf(code int) syscall.Signal {
	if code > 128 && code < 128+65 {
		return syscall.Signal(code - 128)
	}
	return 0
}

// run runs name (what, in the debug log) and returns its exit code,
// 128+N when signal N ended it, and its standard error when s.Stderr is
// nil. A failure after ctx ended is ctx's error.
func (r ExecRunner) run(ctx context.Context, what, name string, args []string, s Stdio) (int, string, error) {
	slog.DebugContext(ctx, "Running "+what, "argv", quoteArgs(append([]string{name}, args...)))
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = r.Env
	cmd.Stdin, cmd.Stdout, cmd.ExtraFiles = s.Stdin, s.Stdout, s.ExtraFiles
	var stderr bytes.Buffer
	cmd.Stderr = s.Stderr
	if cmd.Stderr == nil {
		cmd.Stderr = &stderr
		if r.Log != nil {
			cmd.Stderr = io.MultiWriter(&stderr, r.Log)
		}
	}
	if s.OwnProcessGroup {
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	}
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = cancelGrace
	err := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr) && ctx.Err() != nil:
		return 0, stderr.String(), ctx.Err()
	case errors.As(err, &exitErr):
		if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal()), stderr.String(), nil
		}
		return exitErr.ExitCode(), stderr.String(), nil
	case err != nil && ctx.Err() != nil:
		return 0, stderr.String(), ctx.Err()
	}
	return 0, stderr.String(), err
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
