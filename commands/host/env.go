package host

// PreservedEnvNames are the variables Toolbx carries into containers on
// `podman exec` and to the host on `flatpak-spawn`.
func PreservedEnvNames() []string {
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

// PreservedEnv returns NAME=value for each preserved variable that is set.
func (h *Host) PreservedEnv() []string {
	var env []string
	for _, name := range PreservedEnvNames() {
		if v, ok := h.LookupEnv(name); ok {
			env = append(env, name+"="+v)
		}
	}
	return env
}
