package host

import (
	"context"
)

// Inside a container, toolbox commands run on the host through
// flatpak-spawn --host, with the preserved environment.

const (
	// ErrNotToolbx means this container has neither /run/.toolbxenv nor
	// /run/.toolboxenv.
	ErrNotToolbx = constError("not a Toolbx container")
	// ErrNoToolboxPath means TOOLBOX_PATH, the host's binary, is not set.
	ErrNoToolboxPath = constError("TOOLBOX_PATH not set")
	// ErrNoFlatpakSpawn means the container has no flatpak-spawn.
	ErrNoFlatpakSpawn = constError("flatpak-spawn not found")
)

// constError is the type of the sentinels: constants, so nothing can
// change them.
type constError string

func (e constError) Error() string { return string(e) }

// Forward runs the host's toolbox with args through flatpak-spawn and
// returns its exit code.
func (h *Host) Forward(ctx context.Context, args []string, s Stdio) (int, error) {
	if !h.Exists("/run/.toolbxenv") && !h.Exists("/run/.toolboxenv") {
		return 0, ErrNotToolbx
	}
	exe := h.Getenv("TOOLBOX_PATH")
	if exe == "" {
		return 0, ErrNoToolboxPath
	}
	if !h.HasTool("flatpak-spawn") {
		return 0, ErrNoFlatpakSpawn
	}
	var argv []string
	for _, kv := range h.PreservedEnv() {
		argv = append(argv, "--env="+kv)
	}
	argv = append(argv, "--host", exe)
	return Run(ctx, "flatpak-spawn", append(argv, args...), s)
}
