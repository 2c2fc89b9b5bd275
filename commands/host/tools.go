package host

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The one place where toolbox runs a program other than podman: man,
// getent and flatpak-spawn on the host; useradd, usermod, passwd and
// updatedb in the container, for init-container.

// Stdio wires a tool's standard streams; nil ones are /dev/null.
type Stdio struct {
	In       io.Reader
	Out, Err io.Writer
}

// Run runs name with args and returns its exit code; err is set only when
// it could not run (ErrNoTool when it is not on PATH). ctx is not allowed
// to stop it: it is the user's program, which the user ends.
func Run(ctx context.Context, name string, args []string, s Stdio) (int, error) {
	slog.DebugContext(ctx, "Running "+name, "args", strings.Join(args, " "))
	cmd := exec.CommandContext(context.WithoutCancel(ctx), name, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = s.In, s.Out, s.Err
	err := cmd.Run()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return exitErr.ExitCode(), nil
	}
	return 0, err
}

// Output runs name with args and returns what it printed, its standard
// error included; a failure carries that output.
func Output(ctx context.Context, name string, args ...string) (string, error) {
	slog.DebugContext(ctx, "Running "+name, "args", strings.Join(args, " "))
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(out.String()))
	}
	return out.String(), nil
}

// HasTool says whether name is an executable file in a directory of the
// Host's PATH, under Root (so a test's fake host has no tools).
func (h *Host) HasTool(name string) bool {
	for _, dir := range filepath.SplitList(h.Getenv("PATH")) {
		if dir == "" || !filepath.IsAbs(dir) {
			continue
		}
		if fi, err := os.Stat(filepath.Join(h.Root, dir, name)); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0 {
			return true
		}
	}
	return false
}
