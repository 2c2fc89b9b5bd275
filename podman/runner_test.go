package podman

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// sh runs a shell script as ExecRunner runs podman.
func sh(t *testing.T, ctx context.Context, script string, s Stdio) (code int, stderr string, err error) {
	t.Helper()
	return ExecRunner{}.run(ctx, "sh", "sh", []string{"-c", script}, s)
}

func TestRunnerStreams(t *testing.T) {
	ctx := context.Background()

	var out bytes.Buffer
	code, stderr, err := sh(t, ctx, "echo out; echo err >&2; exit 3", Stdio{Stdout: &out})
	if code != 3 || err != nil || out.String() != "out\n" || stderr != "err\n" {
		t.Errorf("exit 3: code %d, err %v, stdout %q, stderr %q", code, err, out.String(), stderr)
	}

	out.Reset()
	if code, _, err := sh(t, ctx, "cat", Stdio{Stdin: strings.NewReader("in\nput"), Stdout: &out}); code != 0 || err != nil || out.String() != "in\nput" {
		t.Errorf("stdin from a reader: code %d, err %v, stdout %q", code, err, out.String())
	}

	out.Reset()
	if code, _, err := sh(t, ctx, "cat; echo done", Stdio{Stdout: &out}); code != 0 || err != nil || out.String() != "done\n" {
		t.Errorf("no stdin: code %d, err %v, stdout %q", code, err, out.String())
	}

	var both bytes.Buffer
	if _, _, err := sh(t, ctx, "echo 1; echo 2 >&2; echo 3", Stdio{Stdout: &both, Stderr: &both}); err != nil || both.String() != "1\n2\n3\n" {
		t.Errorf("one writer for both: err %v, got %q", err, both.String())
	}
}

// TestRunnerStreamsAsWritten: output reaches a writer that is not a file
// while the process runs, not only once it has ended.
func TestRunnerStreamsAsWritten(t *testing.T) {
	dir := t.TempDir()
	seen := filepath.Join(dir, "seen")
	w := &watchWriter{seen: seen}
	code, _, err := sh(t, context.Background(),
		`echo first; i=0; while [ ! -e `+seen+` ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i+1)); done; [ -e `+seen+` ]`,
		Stdio{Stdout: w})
	if code != 0 || err != nil {
		t.Errorf("code %d, err %v: the first line did not arrive while the process ran", code, err)
	}
}

// watchWriter creates the file seen on its first write.
type watchWriter struct{ seen string }

func (w *watchWriter) Write(p []byte) (int, error) {
	return len(p), os.WriteFile(w.seen, nil, 0o644)
}

func TestRunnerFiles(t *testing.T) {
	dir := t.TempDir()
	create := func(name string) *os.File {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	stdout, fd3 := create("stdout"), create("fd3")
	if code, _, err := sh(t, context.Background(), "echo to-file; echo extra >&3", Stdio{Stdout: stdout, ExtraFiles: []*os.File{fd3}}); code != 0 || err != nil {
		t.Fatalf("code %d, err %v", code, err)
	}
	for name, want := range map[string]string{"stdout": "to-file\n", "fd3": "extra\n"} {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != want {
			t.Errorf("%s has %q, want %q", name, got, want)
		}
	}
}

func TestRunnerEnd(t *testing.T) {
	ctx := context.Background()
	if code, _, err := sh(t, ctx, "kill -9 $$", Stdio{}); code != 137 || err != nil {
		t.Errorf("killed by a signal: code %d, err %v; want 137", code, err)
	}
	err := ExecRunner{Path: "sh"}.Run(ctx, []string{"-c", "kill -9 $$"}, Stdio{})
	var pe *Error
	if !errors.As(err, &pe) || pe.Signal != syscall.SIGKILL || pe.ExitCode != 137 {
		t.Errorf("killed podman: %v", err)
	}

	var out bytes.Buffer
	r := ExecRunner{Env: []string{"ONLY=this"}}
	if _, _, err := r.run(ctx, "sh", "sh", []string{"-c", "echo $ONLY"}, Stdio{Stdout: &out}); err != nil || out.String() != "this\n" {
		t.Errorf("env: err %v, stdout %q", err, out.String())
	}

	if _, _, err := r.run(ctx, "x", "no-such-program-for-toolbox", nil, Stdio{}); !errors.Is(err, exec.ErrNotFound) {
		t.Errorf("missing program: %v, want exec.ErrNotFound", err)
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := sh(t, cancelled, "exit 0", Stdio{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before the start: %v", err)
	}
}

// TestRunnerCancel: a cancelled context interrupts the process, which may
// clean up and exit as it likes; its status is then the context's error.
func TestRunnerCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := filepath.Join(t.TempDir(), "ready")
	go func() {
		for {
			if _, err := os.Stat(ready); err == nil {
				cancel()
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
	marker := ready + ".trapped"
	_, _, err := sh(t, ctx, `trap ": >`+marker+`; exit 42" INT; : >`+ready+`; while :; do sleep 0.05; done`, Stdio{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	if _, err := os.Stat(marker); err != nil {
		t.Errorf("the process got no SIGINT to clean up on: %v", err)
	}
}

// TestRunnerOwnProcessGroup: with OwnProcessGroup, podman leads a process
// group of its own.
func TestRunnerOwnProcessGroup(t *testing.T) {
	for _, own := range []bool{false, true} {
		var out bytes.Buffer
		if _, _, err := sh(t, context.Background(), "ps -o pgid= -p $$", Stdio{Stdout: &out, OwnProcessGroup: own}); err != nil {
			t.Fatal(err)
		}
		pgid, _ := strconv.Atoi(strings.TrimSpace(out.String()))
		if mine := syscall.Getpgrp(); (pgid != mine) != own {
			t.Errorf("OwnProcessGroup %v: the child's group is %d, toolbox's %d", own, pgid, mine)
		}
	}
}

func TestExecRunner(t *testing.T) {
	var log bytes.Buffer
	err := ExecRunner{Path: "sh", Log: &log}.Run(context.Background(), []string{"-c", "echo oops >&2; exit 125"}, Stdio{})
	var pe *Error
	if !errors.As(err, &pe) || pe.ExitCode != 125 || pe.Stderr != "oops\n" {
		t.Errorf("Run = %v, want exit 125 with podman's message", err)
	}
	if log.String() != "oops\n" {
		t.Errorf("--log-podman got %q", log.String())
	}
	if err := (ExecRunner{Path: "no-such-podman-for-toolbox"}).Run(context.Background(), nil, Stdio{}); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("missing podman: %v", err)
	}
}
