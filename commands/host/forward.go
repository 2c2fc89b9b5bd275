package host

import (
	"context"
	"errors"
)

// Inside a container, toolbox commands run on the host through
// flatpak-spawn --host, with the preserved environment.

var (
	// ErrNotToolbx means this container has neither /run/.toolbxenv nor
	// /run/.toolboxenv.
	ErrNotToolbx = errors.New("not a Toolbx container")
	// ErrNoToolboxPath means TOOLBOX_PATH, the host's binary, is not set.
	ErrNoToolboxPath = errors.New("TOOLBOX_PATH not set")
	// ErrNoFlatpakSpawn means the container has no flatpak-spawn.
	ErrNoFlatpakSpawn = errors.New("flatpak-spawn not found")
)

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
	if !HasTool("flatpak-spawn") {
		return 0, ErrNoFlatpakSpawn
	}
	var argv []string
	for _, kv := range h.PreservedEnv() {
		argv = append(argv, "--env="+kv)
	}
	argv = append(argv, "--host", exe)
	return Run(ctx, "flatpak-spawn", append(argv, args...), s)
}
