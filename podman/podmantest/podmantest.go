// Package podmantest is a scripted fake podman for tests of the podman and
// commands packages. It runs nothing: each call is matched against a script
// of expected calls, or answered by a handler.
//
// A Runner reports problems with t.Errorf, never t.Fatalf, so that it may be
// called from goroutines (list asks for containers and images at once); an
// unexpected call also returns an error, which makes the code under test fail.
package podmantest

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/toolbx-go/toolbox/podman"
)

// Call is one podman invocation and the answer to give.
type Call struct {
	// Args is the argv without the leading "--log-level LEVEL" pair.
	Args []string
	// Stdout is written to the caller's Stdout, when there is one.
	Stdout string
	// Stderr is written to the caller's Stderr, or captured into the
	// *podman.Error when the caller gave none (as podman.ExecRunner does).
	Stderr string
	// Exit is podman's exit code; non-zero returns a *podman.Error.
	Exit int
	// Err, when set, is returned as is: podman could not be run at all.
	Err error
}

// Handler answers a call in lenient mode; only the answer fields of the
// returned Call are used.
type Handler func(args []string) Call

// Runner is a podman.Runner that follows a script.
type Runner struct {
	t         testing.TB
	mu        sync.Mutex
	script    []Call
	anyOrder  bool
	handler   Handler
	calls     [][]string
	logLevels []string
}

// New returns a Runner that expects exactly calls, in this order, and
// fails the test at cleanup if some were not made.
func New(t testing.TB, calls ...Call) *Runner {
	t.Helper()
	r := &Runner{t: t, script: calls}
	t.Cleanup(r.assertDone)
	return r
}

// NewUnordered is New for code that runs podman concurrently: each call
// matches the first expected call with the same argv.
func NewUnordered(t testing.TB, calls ...Call) *Runner {
	t.Helper()
	r := New(t, calls...)
	r.anyOrder = true
	return r
}

// NewFunc returns a lenient Runner: every call is recorded and answered by
// h, which may be nil to answer every call with success and no output.
func NewFunc(t testing.TB, h Handler) *Runner {
	if h == nil {
		h = func([]string) Call { return Call{} }
	}
	return &Runner{t: t, handler: h}
}

// Client returns a podman.Client that runs podman through r.
func (r *Runner) Client() *podman.Client { return podman.New(r, "error") }

// Calls returns the argv of every call so far, without "--log-level X".
func (r *Runner) Calls() [][]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.calls)
}

// LogLevels returns the --log-level value of every call so far.
func (r *Runner) LogLevels() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.logLevels)
}

// Run implements podman.Runner.
func (r *Runner) Run(_ context.Context, args []string, s podman.Stdio) error {
	r.t.Helper()
	if len(args) < 2 || args[0] != "--log-level" {
		r.t.Errorf("podman %q: argv does not start with --log-level LEVEL", args)
		return fmt.Errorf("podmantest: bad argv %q", args)
	}
	level, args := args[1], slices.Clone(args[2:])
	c, ok := r.answer(level, args)
	if !ok {
		return fmt.Errorf("podmantest: unexpected call podman %s", strings.Join(args, " "))
	}
	if s.Stdout != nil && c.Stdout != "" {
		io.WriteString(s.Stdout, c.Stdout)
	}
	captured := c.Stderr
	if s.Stderr != nil {
		io.WriteString(s.Stderr, c.Stderr)
		captured = ""
	}
	switch {
	case c.Err != nil:
		return c.Err
	case c.Exit != 0:
		return &podman.Error{Args: append([]string{"--log-level", level}, args...), ExitCode: c.Exit, Stderr: captured}
	}
	return nil
}

// answer records a call and finds its answer.
func (r *Runner) answer(level string, args []string) (Call, bool) {
	r.t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, args)
	r.logLevels = append(r.logLevels, level)
	if r.handler != nil {
		return r.handler(args), true
	}
	i := -1
	switch {
	case r.anyOrder:
		i = slices.IndexFunc(r.script, func(c Call) bool { return slices.Equal(c.Args, args) })
	case len(r.script) > 0 && slices.Equal(r.script[0].Args, args):
		i = 0
	}
	if i < 0 {
		r.t.Errorf("unexpected call:\n  podman %s\nexpected next:\n%s", quote(args), r.pending())
		return Call{}, false
	}
	c := r.script[i]
	r.script = slices.Delete(r.script, i, i+1)
	return c, true
}

// pending lists the calls not made yet, one a line.
func (r *Runner) pending() string {
	if len(r.script) == 0 {
		return "  (none)"
	}
	lines := make([]string, len(r.script))
	for i, c := range r.script {
		lines[i] = "  podman " + quote(c.Args)
	}
	return strings.Join(lines, "\n")
}

func (r *Runner) assertDone() {
	r.t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.script) > 0 {
		r.t.Errorf("expected podman calls not made:\n%s", r.pending())
	}
}

// quote renders argv so that empty and spaced arguments show.
func quote(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t\"'") {
			a = fmt.Sprintf("%q", a)
		}
		q[i] = a
	}
	return strings.Join(q, " ")
}
