package commands

import (
	"errors"
	"fmt"
	"testing"

	"github.com/toolbx-go/toolbox/podman"
)

// TestPodmanFailed: a podman failure names podman and relays what it said.
func TestPodmanFailed(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{podman.ErrNotInstalled, "failed to x\npodman(1) not found on PATH"},
		{fmt.Errorf("inspect: %w", podman.ErrNotInstalled), "failed to x\npodman(1) not found on PATH"},
		{&podman.Error{ExitCode: 125, Stderr: "time=\"...\" level=warning msg=\"a\"\nError: the real one\nsome trailer\n"},
			"failed to x\npodman: the real one"},
		{&podman.Error{ExitCode: 1, Stderr: "just text\n\n"}, "failed to x\npodman: just text"},
		{&podman.Error{ExitCode: 125, Stderr: "\x1b[1;31mError: red\x1b[0m\n"}, "failed to x\npodman: red"},
		{&podman.Error{ExitCode: 125}, "failed to x\npodman exited with status 125"},
		{errors.New("other"), "failed to x"},
	} {
		if got := podmanFailed("failed to x", tt.err).Error(); got != tt.want {
			t.Errorf("podmanFailed(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
