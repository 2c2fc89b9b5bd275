package initctr

import (
	"context"

	"github.com/toolbx-go/toolbox/commands/host"
)

// Run sets the container up, leaves the readiness stamp, then stays
// running until ctx ends (podman stop sends SIGTERM) or, for a container
// that stops by itself, until no session is left. It returns as soon as
// ctx ends, even midway through the set-up (TOOLBX_DELAY_ENTRY_POINT,
// useradd): the entry point then ends at once, and `podman stop` does not
// wait for its timeout to kill it. What the set-up was running is killed
// with the container.
func Run(ctx context.Context, h *host.Host, o Options) error {
	done := make(chan error, 1)
	go func() { done <- setUp(ctx, h, o) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return nil
	}
}
