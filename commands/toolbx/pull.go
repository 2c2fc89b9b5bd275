package toolbx

import (
	"context"
	"log/slog"
	"time"

	"github.com/docker/go-units"

	"github.com/toolbx-go/toolbox/podman"
)

// registrySizeTimeout bounds the wait for the registry before the
// download question, which is asked without the size after it.
const registrySizeTimeout = 5 * time.Second

// Pull asks before pulling (UI.ConfirmPull decides, -y included), and
// pulls, with podman's progress to req.Progress.
func (e *Engine) Pull(ctx context.Context, image string, req CreateRequest) error {
	size := func() string { return e.registryImageSize(ctx, image, req.AuthFile) }
	ok, err := e.UI.ConfirmPull(ctx, image, size)
	if err != nil {
		return err
	}
	if !ok {
		return ErrPullDeclined
	}
	slog.DebugContext(ctx, "Pulling image "+image)
	opts := podman.PullOptions{AuthFile: req.AuthFile, Quiet: req.Progress == nil}
	if req.Progress != nil {
		// Progress only: the image ID that podman prints last is noise.
		opts.Stdio = podman.Stdio{Stderr: req.Progress}
	}
	if err := e.Podman.Pull(ctx, image, opts); err != nil {
		slog.DebugContext(ctx, "Pulling the image failed", "err", err)
		if cancelledSoon(ctx) {
			return &Interrupted{Op: PullImage, Object: image}
		}
		return failed(PullImage, image, err)
	}
	return nil
}

// registryImageSize is the download size of image for the question, or
// "" when the registry does not tell it in time.
func (e *Engine) registryImageSize(ctx context.Context, image, authFile string) string {
	ctx, cancel := context.WithTimeout(ctx, registrySizeTimeout)
	defer cancel()
	size, err := e.Podman.RegistryImageSize(ctx, image, podman.RegistryOptions{
		AuthFile: authFile, RegistriesConf: e.Host.Getenv("CONTAINERS_REGISTRIES_CONF"),
	})
	if err != nil {
		slog.DebugContext(ctx, "Getting the size of the image failed", "image", image, "err", err)
		return ""
	}
	return units.HumanSize(float64(size))
}

// signalGrace is how long toolbox waits, after podman failed, for its own
// Ctrl-C: the terminal sends SIGINT to both at once, and podman may exit
// (with status 1) before toolbox's signal handler has cancelled ctx.
const signalGrace = 250 * time.Millisecond

// cancelledSoon says whether ctx is done, or gets done within signalGrace.
func cancelledSoon(ctx context.Context) bool {
	t := time.NewTimer(signalGrace)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return true
	case <-t.C:
		return false
	}
}
