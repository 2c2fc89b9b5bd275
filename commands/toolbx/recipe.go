package toolbx

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/toolbx-go/toolbox/podman"
)

// recipe is the `podman create` of a Toolbx container (SPEC 2.1): what it
// shares with the host, and its entry point, `toolbox init-container`.
func (e *Engine) recipe(name, image string) (podman.CreateOptions, error) {
	h := e.Host
	if h.ExecutableErr != nil {
		return podman.CreateOptions{}, h.ExecutableErr
	}
	o := podman.CreateOptions{
		Name: name, Image: image, Hostname: "toolbx", UserNS: "keep-id", PullNever: true,
		Env: []string{"TOOLBOX_PATH=" + h.Executable},
	}
	runtimeDir := h.XDGRuntimeDir()
	if h.IsRoot() {
		o.UserNS, runtimeDir = "host", "/run/toolbox"
	} else {
		o.Env = append(o.Env, "XDG_RUNTIME_DIR="+runtimeDir)
	}
	if err := os.MkdirAll(h.Path(h.RuntimeDir()), 0o700); err != nil {
		return o, failed(CreateRuntimeDir, h.RuntimeDir(), err)
	}
	for _, name := range []string{"TOOLBX_DELAY_ENTRY_POINT", "TOOLBX_FAIL_ENTRY_POINT"} {
		if v, ok := h.LookupEnv(name); ok {
			o.Env = append(o.Env, name+"="+v)
		}
	}
	o.Volumes = []string{
		"/:/run/host:rslave",
		"/dev:/dev:rslave",
		h.Home + ":" + h.Home + ":rslave",
		h.Executable + ":/usr/bin/toolbox:ro",
		runtimeDir + ":" + runtimeDir,
	}
	if sock := e.dbusSystemSocket(); sock != "" {
		o.Volumes = append(o.Volumes, sock+":"+sock)
	}
	o.Volumes = append(o.Volumes, e.socketVolumes(context.Background())...)
	volumes, entryFlags := e.hostPaths()
	o.Volumes = append(o.Volumes, volumes...)
	o.Command = append([]string{
		"toolbox", "--log-level", "debug", "init-container",
		"--gid", fmt.Sprint(h.GID), "--home", h.Home, "--shell", h.Shell,
		"--uid", fmt.Sprint(h.UID), "--user", h.User,
	}, entryFlags...)
	return o, nil
}

// hostPaths are the volumes of /media, /mnt, /run/media and profile.d,
// and the entry point's flags for the host's links among them.
func (e *Engine) hostPaths() (volumes, entryFlags []string) {
	h := e.Host
	for _, m := range []struct{ dir, linkTarget, flag string }{
		{"/media", "/run/media", "--media-link"},
		{"/mnt", "/var/mnt", "--mnt-link"},
		{"/run/media", "", ""},
	} {
		switch target, err := filepath.EvalSymlinks(h.Path(m.dir)); {
		case err != nil:
		case m.linkTarget != "" && target == h.Path(m.linkTarget):
			entryFlags = append(entryFlags, m.flag)
		default:
			volumes = append(volumes, m.dir+":"+m.dir+":rslave")
		}
	}
	for _, p := range []string{"/etc/profile.d/toolbox.sh", "/usr/share/profile.d/toolbox.sh", h.InstalledProfile} {
		if p != "" && h.Exists(p) {
			volumes = append(volumes, p+":/etc/profile.d/toolbox.sh:ro")
			break
		}
	}
	if target, err := filepath.EvalSymlinks(h.Path("/home")); err == nil && target == h.Path("/var/home") {
		entryFlags = append([]string{"--home-link"}, entryFlags...)
	}
	return volumes, entryFlags
}

// dbusSystemSocket is the D-Bus system bus socket, symlinks resolved, or
// "" when there is none.
func (e *Engine) dbusSystemSocket() string {
	addr := e.Host.Getenv("DBUS_SYSTEM_BUS_ADDRESS")
	path := "/var/run/dbus/system_bus_socket"
	if p, ok := strings.CutPrefix(addr, "unix:path="); ok {
		path, _, _ = strings.Cut(p, ",")
	}
	canon, err := filepath.EvalSymlinks(e.Host.Path(path))
	if err != nil {
		return ""
	}
	rel, _ := filepath.Rel(e.Host.Root, canon)
	return "/" + rel
}
