package commands

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/toolbx-go/toolbox/podman"
)

// localCandidates are the names under which image may be in local
// storage, in Toolbx's order: an image ID, localhost/IMAGE for a name
// without a registry, and the fully qualified name.
func localCandidates(image, full string) []string {
	var candidates []string
	if reImageID.MatchString(image) {
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

// pullImage asks before pulling, unless -y, and pulls.
func pullImage(ctx context.Context, pm *podman.Client, stdio *IO, g *Globals, image, authFile string) error {
	if !g.AssumeYes {
		if !stdio.Interactive() {
			return errors.New("image required to create Toolbx container.\n" +
				"Use option '--assumeyes' to download the image.\n" + usageHint)
		}
		ok, err := askYesNo(stdio, fmt.Sprintf("Image required to create Toolbx container.\nDownload %s? [y/N]: ", image))
		if err != nil || !ok {
			return errors.New("image required to create Toolbx container.\n" + usageHint)
		}
	}
	opts := podman.PullOptions{AuthFile: authFile, Quiet: !stdio.OutTTY}
	if stdio.OutTTY {
		opts.Stdio = podman.Stdio{Stdout: stdio.Err, Stderr: stdio.Err}
	}
	if err := pm.Pull(ctx, image, opts); err != nil {
		slog.DebugContext(ctx, "Pulling the image failed", "err", err)
		if ctx.Err() != nil {
			return &ExitError{Code: 130, Err: fmt.Errorf("failed to pull image %s: interrupted", image)}
		}
		msg := fmt.Sprintf("failed to pull image %s", image)
		if domain := imageDomain(image); domain != "" {
			msg += "\nIf it was a private image, log in with: podman login " + domain
		}
		return errors.New(msg + "\nUse 'toolbox --verbose ...' for further details.")
	}
	return nil
}

// askYesNo prints prompt and reads y/yes (any case) as yes.
func askYesNo(stdio *IO, prompt string) (bool, error) {
	fmt.Fprint(stdio.Out, prompt)
	line, err := bufio.NewReader(stdio.In).ReadString('\n')
	if err != nil && line == "" {
		return false, err
	}
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "y" || answer == "yes", nil
}

// askUntilAnswered asks until the answer is yes, no or empty (no), as
// Toolbx's confirmation prompts do.
func askUntilAnswered(stdio *IO, prompt string) bool {
	in := bufio.NewReader(stdio.In)
	for {
		fmt.Fprint(stdio.Out, prompt)
		line, err := in.ReadString('\n')
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "y", "yes":
			return true
		case "", "n", "no":
			return false
		}
		if err != nil {
			return false
		}
	}
}
