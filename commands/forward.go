package commands

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
)

// MustForward says whether the command has to run on the host: inside a
// container every command but init-container and completion goes there.
func MustForward(p *Parsed, h *Host) bool {
	if !h.InsideContainer() {
		return false
	}
	switch p.Command {
	case "init-container", "completion", "__complete":
		return false
	}
	return true
}

// Forward runs toolbox with the same arguments on the host through
// flatpak-spawn, and returns its exit status.
func Forward(ctx context.Context, h *Host, args []string, stdio *IO) error {
	if !h.exists("/run/.toolbxenv") && !h.exists("/run/.toolboxenv") {
		return errors.New("this is not a Toolbx container")
	}
	exe := h.Getenv("TOOLBOX_PATH")
	if exe == "" {
		return errors.New("TOOLBOX_PATH not set")
	}
	spawn, err := exec.LookPath("flatpak-spawn")
	if err != nil {
		return errors.New("flatpak-spawn(1) not found\n" +
			"Install flatpak-spawn in this container to run toolbox commands on the host.")
	}
	argv := []string{}
	for _, kv := range preservedEnv(h.LookupEnv) {
		argv = append(argv, "--env="+kv)
	}
	argv = append(argv, "--host", exe)
	cmd := exec.CommandContext(context.WithoutCancel(ctx), spawn, append(argv, args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdio.In, stdio.Out, stdio.Err
	err = cmd.Run()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return &ExitError{Code: exitErr.ExitCode()}
	}
	if err != nil {
		return fmt.Errorf("failed to forward to the host: %w", err)
	}
	return nil
}

// preservedEnvNames are the variables Toolbx carries into containers on
// `podman exec` and to the host on `flatpak-spawn`.
func preservedEnvNames() []string {
	return []string{
		"COLORTERM", "CONTAINERS_STORAGE_CONF", "DBUS_SESSION_BUS_ADDRESS",
		"DBUS_SYSTEM_BUS_ADDRESS", "DESKTOP_SESSION", "DISPLAY", "HISTCONTROL",
		"HISTFILE", "HISTFILESIZE", "HISTIGNORE", "HISTSIZE", "HISTTIMEFORMAT",
		"HOME", "KDE_FULL_SESSION", "KDE_SESSION_VERSION", "KONSOLE_DBUS_SESSION",
		"KONSOLE_DBUS_WINDOW", "KONSOLE_PROFILE_NAME", "KONSOLE_VERSION", "LANG",
		"P11_KIT_SERVER_ADDRESS", "SHELL", "SSH_AUTH_SOCK", "TERM", "TOOLBOX_PATH",
		"USER", "VTE_VERSION", "WAYLAND_DISPLAY", "XAUTHORITY", "XDG_CACHE_HOME",
		"XDG_CONFIG_HOME", "XDG_CURRENT_DESKTOP", "XDG_DATA_DIRS", "XDG_DATA_HOME",
		"XDG_MENU_PREFIX", "XDG_RUNTIME_DIR", "XDG_SEAT", "XDG_SESSION_CLASS",
		"XDG_SESSION_DESKTOP", "XDG_SESSION_ID", "XDG_SESSION_TYPE",
		"XDG_STATE_HOME", "XDG_VTNR", "XTERM_VERSION",
	}
}

// preservedEnv returns NAME=value for each preserved variable that is set.
func preservedEnv(lookupEnv func(string) (string, bool)) []string {
	var env []string
	for _, name := range preservedEnvNames() {
		if v, ok := lookupEnv(name); ok {
			env = append(env, name+"="+v)
		}
	}
	return env
}
