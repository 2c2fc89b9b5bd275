package podmantest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/toolbx-go/toolbox/podman"
)

// recorder is a testing.TB that keeps errors and cleanups to itself.
type recorder struct {
	testing.TB
	errs     []string
	cleanups []func()
}

func (r *recorder) Helper()                   {}
func (r *recorder) Cleanup(f func())          { r.cleanups = append(r.cleanups, f) }
func (r *recorder) Errorf(f string, a ...any) { r.errs = append(r.errs, fmt.Sprintf(f, a...)) }
func (r *recorder) finish() {
	for _, f := range slices.Backward(r.cleanups) {
		f()
	}
}

func run(r *Runner, stdout *bytes.Buffer, args ...string) error {
	s := podman.Stdio{}
	if stdout != nil {
		s.Stdout = stdout
	}
	return r.Run(context.Background(), append([]string{"--log-level", "error"}, args...), s)
}

func TestScriptedCalls(t *testing.T) {
	r := New(t,
		Call{Args: []string{"ps"}, Stdout: "[]"},
		Call{Args: []string{"rm", "a"}, Exit: 2, Stderr: "running"},
		Call{Args: []string{"start", "a"}, Err: podman.ErrNotInstalled},
	)
	var out bytes.Buffer
	if err := run(r, &out, "ps"); err != nil || out.String() != "[]" {
		t.Errorf("ps: err %v, stdout %q", err, out.String())
	}
	var pe *podman.Error
	if err := run(r, nil, "rm", "a"); !errors.As(err, &pe) || pe.ExitCode != 2 || pe.Stderr != "running" ||
		!slices.Equal(pe.Args, []string{"--log-level", "error", "rm", "a"}) {
		t.Errorf("rm: got %#v", err)
	}
	if err := run(r, nil, "start", "a"); !errors.Is(err, podman.ErrNotInstalled) {
		t.Errorf("start: got %v", err)
	}
	want := [][]string{{"ps"}, {"rm", "a"}, {"start", "a"}}
	if got := r.Calls(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("Calls() = %q, want %q", got, want)
	}
	if got := r.LogLevels(); !slices.Equal(got, []string{"error", "error", "error"}) {
		t.Errorf("LogLevels() = %q", got)
	}
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name   string
		unord  bool
		script []Call
		do     [][]string
		want   []string // substrings of the reported errors, in order
	}{
		{"unexpected argv", false, []Call{{Args: []string{"ps"}}}, [][]string{{"images"}},
			[]string{"unexpected call:\n  podman images\nexpected next:\n  podman ps", "not made:\n  podman ps"}},
		{"wrong order", false, []Call{{Args: []string{"a"}}, {Args: []string{"b"}}}, [][]string{{"b"}, {"a"}, {"b"}}, []string{"unexpected call:\n  podman b"}},
		{"any order", true, []Call{{Args: []string{"a"}}, {Args: []string{"b"}}}, [][]string{{"b"}, {"a"}}, nil},
		{"not consumed", false, []Call{{Args: []string{"a"}}, {Args: []string{"exec", ""}}}, [][]string{{"a"}},
			[]string{`not made:` + "\n" + `  podman exec ""`}},
		{"too many", false, nil, [][]string{{"a"}}, []string{"expected next:\n  (none)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{TB: t}
			r := New(rec, tt.script...)
			r.anyOrder = tt.unord
			for _, args := range tt.do {
				run(r, nil, args...)
			}
			rec.finish()
			if len(rec.errs) != len(tt.want) {
				t.Fatalf("errors reported: %q, want %d", rec.errs, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(rec.errs[i], w) {
					t.Errorf("error %d = %q, want it to contain %q", i, rec.errs[i], w)
				}
			}
		})
	}
}

func TestUnexpectedCallFailsTheCaller(t *testing.T) {
	rec := &recorder{TB: t}
	if err := run(New(rec), nil, "ps"); err == nil {
		t.Error("unexpected call returned nil")
	}
	rec.finish()
}

func TestMissingLogLevel(t *testing.T) {
	rec := &recorder{TB: t}
	err := NewFunc(rec, nil).Run(context.Background(), []string{"ps"}, podman.Stdio{})
	if err == nil || len(rec.errs) != 1 {
		t.Errorf("err %v, reported %q", err, rec.errs)
	}
}

func TestHandler(t *testing.T) {
	r := NewFunc(t, func(args []string) Call {
		if args[0] == "container" {
			return Call{Exit: 1}
		}
		return Call{Stdout: "id\n", Stderr: "warn"}
	})
	pm := r.Client()
	if ok, err := pm.ContainerExists(context.Background(), "x"); ok || err != nil {
		t.Errorf("ContainerExists = %v, %v", ok, err)
	}
	var stderr bytes.Buffer
	err := r.Run(context.Background(), []string{"--log-level", "debug", "pull", "x"}, podman.Stdio{Stderr: &stderr})
	if err != nil || stderr.String() != "warn" {
		t.Errorf("pull: err %v, stderr %q", err, stderr.String())
	}
	if n := len(r.Calls()); n != 2 {
		t.Errorf("%d calls recorded, want 2", n)
	}
	if got := r.LogLevels(); !slices.Equal(got, []string{"error", "debug"}) {
		t.Errorf("LogLevels() = %q", got)
	}
}
