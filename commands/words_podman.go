package commands

import (
	"errors"
	"fmt"
	"strings"

	"github.com/acarl005/stripansi"

	"github.com/toolbx-go/toolbox/commands/toolbx"
	"github.com/toolbx-go/toolbox/podman"
)

// wordContainer words what happened to containers and images.
func wordContainer(err error) (error, bool) {
	var (
		exists   *toolbx.Exists
		notFound *toolbx.NotFound
		imgNF    *toolbx.ImageNotFound
		tooOld   *toolbx.TooOld
		notTbx   *toolbx.NotToolbx
		inUse    *toolbx.InUse
		intr     *toolbx.Interrupted
		f        *toolbx.Failed
	)
	switch {
	case errors.As(err, &exists):
		return UsageErrorf("container %s already exists\nEnter with: %s", exists.Container, enterCommand(exists.Container, exists.Default)), true
	case errors.As(err, &notFound):
		return fmt.Errorf("container %s not found", notFound.Container), true
	case errors.As(err, &imgNF) && imgNF.Registries:
		return fmt.Errorf("image %s not found in local storage and known registries", imgNF.Image), true
	case errors.As(err, &imgNF):
		return fmt.Errorf("image %s not found in local storage", imgNF.Image), true
	case errors.As(err, &tooOld):
		return fmt.Errorf("container %s is too old and no longer supported\n"+
			"Recreate it with Toolbx version 0.0.97 or newer.", tooOld.Container), true
	case errors.As(err, &notTbx) && notTbx.Image:
		return fmt.Errorf("%s is not a Toolbx image", notTbx.Name), true
	case errors.As(err, &notTbx):
		return fmt.Errorf("%s is not a Toolbx container", notTbx.Name), true
	case errors.As(err, &inUse) && inUse.Image:
		return fmt.Errorf("image %s has dependent children", inUse.Name), true
	case errors.As(err, &inUse):
		return fmt.Errorf("container %s is running", inUse.Name), true
	case errors.As(err, &intr):
		return &ExitError{Code: 130, Err: errors.New(failure(intr.Op, intr.Object) + ": interrupted")}, true
	case errors.As(err, &f):
		return wordFailed(f), true
	}
	return nil, false
}

// failure is Toolbx's "failed to ..." for op on object.
func failure(op toolbx.Op, object string) string {
	return map[toolbx.Op]string{
		toolbx.InspectContainer:    "failed to inspect container " + object,
		toolbx.InspectImage:        "failed to inspect image " + object,
		toolbx.StartContainer:      "failed to start container " + object,
		toolbx.CreateContainer:     "failed to create container " + object,
		toolbx.PullImage:           "failed to pull image " + object,
		toolbx.ListContainers:      "failed to get containers",
		toolbx.ListImages:          "failed to get images",
		toolbx.RemoveContainer:     "failed to remove container " + object,
		toolbx.RemoveImage:         "failed to remove image " + object,
		toolbx.InitializeContainer: "failed to initialize container " + object,
		toolbx.EntryPointPID:       "invalid entry point PID of container " + object,
		toolbx.CreateRuntimeDir:    "failed to create directory " + object,
		toolbx.StopContainer:       "failed to stop container " + object,
	}[op]
}

// wordFailed words a failed operation: a pull with Toolbx's hints, the
// others with podman named (podmanFailed).
func wordFailed(f *toolbx.Failed) error {
	msg := failure(f.Op, f.Object)
	switch {
	case f.Op == toolbx.PullImage:
		if ref, err := podman.ParseReference(f.Object); err == nil && ref.Domain != "" {
			msg += "\nIf it was a private image, log in with: podman login " + ref.Domain
		}
		return errors.New(msg + "\nUse 'toolbox --verbose ...' for further details.")
	case f.Err == nil, errors.Is(f.Err, podman.ErrNotFound):
		return errors.New(msg)
	}
	return podmanFailed(msg, f.Err)
}

// podmanFailed words a podman failure as Toolbx does (msg) and names
// podman on the next line, with its own message, so that a missing or
// broken podman is never a mystery: "podman(1) not found on PATH", or
// "podman: " and the last error podman printed, without terminal escapes.
func podmanFailed(msg string, err error) error {
	if errors.Is(err, podman.ErrNotInstalled) {
		return fmt.Errorf("%s\npodman(1) not found on PATH", msg)
	}
	var pe *podman.Error
	if !errors.As(err, &pe) {
		return errors.New(msg)
	}
	if pe.Signal != 0 {
		return fmt.Errorf("%s\npodman was ended by signal %d (%v)", msg, int(pe.Signal), pe.Signal)
	}
	if said := podmanSaid(pe.Stderr); said != "" {
		return fmt.Errorf("%s\npodman: %s", msg, said)
	}
	return fmt.Errorf("%s\npodman exited with status %d", msg, pe.ExitCode)
}

// podmanSaid is the last error line podman printed ("Error: ..."), else
// its last line, as plain text.
func podmanSaid(stderr string) string {
	last, lastError := "", ""
	for line := range strings.Lines(stripansi.Strip(stderr)) {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, "Error: "); ok {
			lastError = rest
		} else if line != "" {
			last = line
		}
	}
	if lastError != "" {
		return lastError
	}
	return last
}

// wordExec words what kept the user's command from running, and passes
// the command's own status on.
func wordExec(err error) (error, bool) {
	var (
		execErr *toolbx.ExecError
		status  *toolbx.ExitStatus
		entry   *toolbx.EntryPointError
		migrate *toolbx.MigrateFailed
		cgroups *toolbx.CgroupsUnsupported
		state   *toolbx.StateError
	)
	switch {
	case errors.As(err, &status):
		return &ExitError{Code: status.Code}, true
	case errors.As(err, &execErr):
		return wordExecError(execErr), true
	case errors.As(err, &entry):
		return errors.New(strings.Join(entry.Lines, "\n")), true
	case errors.Is(err, toolbx.ErrPullDeclined):
		return errors.New("image required to create Toolbx container.\n" + usageHint), true
	case errors.As(err, &migrate) && migrate.Runtime != "":
		return fmt.Errorf("failed to migrate containers to OCI runtime %s\n"+
			"Factory reset with: podman system reset", migrate.Runtime), true
	case errors.As(err, &migrate):
		return errors.New("failed to migrate containers"), true
	case errors.As(err, &cgroups):
		return fmt.Errorf("container %s doesn't support cgroups v%d\n"+
			"Factory reset with: podman system reset", cgroups.Container, cgroups.Version), true
	case errors.As(err, &state):
		return fmt.Errorf("failed to %s", map[string]string{
			"create lock": "create the migration lock", "acquire lock": "acquire the migration lock",
			"create stamp": "create the migration stamp"}[state.What]), true
	}
	return nil, false
}

func wordExecError(e *toolbx.ExecError) error {
	switch e.Kind {
	case toolbx.NotExecutable:
		return exitf(126, "failed to invoke command %s in container %s", e.Command, e.Container)
	case toolbx.CommandNotFound:
		return exitf(127, "command %s not found in container %s", e.Command, e.Container)
	case toolbx.DirectoryNotFound:
		return exitf(127, "directory %s not found in container %s", e.Dir, e.Container)
	}
	msg := "failed to invoke 'podman exec' in container " + e.Container
	if e.Err != nil {
		// podman did not run at all: Toolbx's 1, and podman named.
		return podmanFailed(msg, e.Err)
	}
	return exitf(125, "%s", msg)
}
