package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/docker/go-units"

	"github.com/toolbx-go/toolbox/podman"
)

// localCandidates are the names under which image may be in local
// storage, in Toolbx's order: an image ID, localhost/IMAGE for a name
// without a registry, and the fully qualified name.
func localCandidates(image, full string) []string {
	var candidates []string
	if canBeImageID(image) {
		candidates = append(candidates, image)
	}
	if imageDomain(image) == "" {
		candidates = append(candidates, "localhost/"+image)
	}
	if full != "" && !slices.Contains(candidates, full) {
		candidates = append(candidates, full)
	}
	return candidates
}

// registrySizeTimeout bounds the wait for the registry before the
// download question, which is asked without the size after it.
const registrySizeTimeout = 5 * time.Second

// pullImage asks before pulling, unless -y, and pulls: on a terminal with
// podman's progress, elsewhere silently.
func pullImage(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, g *Globals, image, authFile string) error {
	if !g.AssumeYes {
		if !stdio.Interactive() {
			return errors.New("image required to create Toolbx container.\n" +
				"Use option '--assumeyes' to download the image.\n" + usageHint)
		}
		fmt.Fprintln(stdio.Out, "Image required to create Toolbx container.")
		prompt := fmt.Sprintf("Download %s? [y/N]: ", image)
		if size := registryImageSize(ctx, pm, h, image, authFile); size != "" {
			prompt = fmt.Sprintf("Download %s (%s)? [y/N]: ", image, size)
		}
		ok, err := askUntilAnswered(ctx, stdio, prompt)
		if err != nil {
			return err
		}
		if !ok {
			return errors.New("image required to create Toolbx container.\n" + usageHint)
		}
	}
	slog.DebugContext(ctx, "Pulling image "+image)
	opts := podman.PullOptions{AuthFile: authFile, Quiet: !stdio.OutTTY}
	if stdio.OutTTY {
		// Progress only: the image ID that podman prints last is noise.
		opts.Stdio = podman.Stdio{Stderr: stdio.Err}
	}
	if err := pm.Pull(ctx, image, opts); err != nil {
		slog.DebugContext(ctx, "Pulling the image failed", "err", err)
		if cancelledSoon(ctx) {
			return interrupted(fmt.Sprintf("failed to pull image %s: interrupted", image))
		}
		msg := fmt.Sprintf("failed to pull image %s", image)
		if domain := imageDomain(image); domain != "" {
			msg += "\nIf it was a private image, log in with: podman login " + domain
		}
		return errors.New(msg + "\nUse 'toolbox --verbose ...' for further details.")
	}
	return nil
}

// registryImageSize is the download size of image for the question, or ""
// when the registry does not tell it in time.
func registryImageSize(ctx context.Context, pm *podman.Client, h *Host, image, authFile string) string {
	ctx, cancel := context.WithTimeout(ctx, registrySizeTimeout)
	defer cancel()
	size, err := pm.RegistryImageSize(ctx, image, podman.RegistryOptions{
		AuthFile: authFile, RegistriesConf: h.Getenv("CONTAINERS_REGISTRIES_CONF"),
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

// interrupted is the error of a command stopped by SIGINT or SIGTERM:
// exit status 130, as a shell reports a process that SIGINT ended.
func interrupted(msg string) error {
	return &ExitError{Code: 130, Err: errors.New(msg)}
}

// askUntilAnswered prints prompt and reads a line until the answer is yes,
// no or empty (no), as Toolbx's questions do; end of input is no. It gives
// up with an error when ctx is done (Ctrl-C).
func askUntilAnswered(ctx context.Context, stdio *IO, prompt string) (bool, error) {
	for {
		if ctx.Err() != nil {
			return false, interrupted("interrupted")
		}
		fmt.Fprint(stdio.Out, prompt)
		line, err := readLine(ctx, stdio.In)
		if ctx.Err() != nil {
			fmt.Fprintln(stdio.Out)
			return false, interrupted("interrupted")
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "y", "yes":
			return true, nil
		case "", "n", "no":
			return false, nil
		}
		if err != nil {
			return false, nil
		}
	}
}

// readLine reads one line from in, a byte at a time so that nothing past
// the line is taken from a pipe, and stops waiting when ctx is done. The
// read then goes on in the background until the process exits.
func readLine(ctx context.Context, in io.Reader) (string, error) {
	type result struct {
		line string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		var line []byte
		b := make([]byte, 1)
		for {
			n, err := in.Read(b)
			if n == 1 && b[0] == '\n' {
				done <- result{string(line), nil}
				return
			}
			line = append(line, b[:n]...)
			if err != nil {
				done <- result{string(line), err}
				return
			}
		}
	}()
	select {
	case r := <-done:
		return r.line, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
