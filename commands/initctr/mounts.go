package initctr

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"

	"github.com/toolbx-go/toolbox/commands/host"
)

// hostBindMounts are the host paths init-container binds into the
// container when the host has them, with their mount options.
func hostBindMounts() []struct{ path, options string } {
	return []struct{ path, options string }{
		{"/etc/machine-id", "ro"},
		{"/run/libvirt", ""},
		{"/run/systemd/journal", ""},
		{"/run/systemd/resolve", ""},
		{"/run/systemd/sessions", ""},
		{"/run/systemd/system", ""},
		{"/run/systemd/users", ""},
		{"/run/udev/data", ""},
		{"/run/udev/tags", ""},
		{"/tmp", "rslave"},
		{"/var/lib/flatpak", "ro"},
		{"/var/lib/libvirt", ""},
		{"/var/lib/systemd/coredump", "ro"},
		{"/var/log/journal", "ro"},
		{"/var/mnt", "rslave"},
	}
}

// configureBindMounts binds /run/host/P over P for each path the host has.
func configureBindMounts(_ context.Context, h *host.Host, _ Options) error {
	for _, m := range hostBindMounts() {
		source := "/run/host" + m.path
		fi, err := os.Stat(h.Path(source))
		if err != nil {
			continue
		}
		if err := makeMountPoint(h.Path(m.path), fi.IsDir()); err != nil {
			return &Error{Step: CreateDirectory, Path: m.path, Err: err}
		}
		slog.Debug("Binding " + m.path + " to " + source)
		if err := rbind(h.Path(source), h.Path(m.path), m.options); err != nil {
			return &Error{Step: Bind, Path: m.path, Target: source, Err: err}
		}
	}
	return nil
}

// rbind does `mount --rbind [-o ro|rslave] source target` with mount(2).
// A read-only remount keeps the flags the kernel locks in a user
// namespace (nosuid, nodev, noexec), or it would be refused.
func rbind(source, target, options string) error {
	if err := unix.Mount(source, target, "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
		return err
	}
	switch options {
	case "rslave":
		return unix.Mount("", target, "", unix.MS_SLAVE|unix.MS_REC, "")
	case "ro":
		var st unix.Statfs_t
		if err := unix.Statfs(target, &st); err != nil {
			return err
		}
		locked := uintptr(st.Flags) & (unix.MS_NOSUID | unix.MS_NODEV | unix.MS_NOEXEC | unix.MS_NOATIME | unix.MS_NODIRATIME | unix.MS_RELATIME)
		return unix.Mount("", target, "", unix.MS_REMOUNT|unix.MS_BIND|unix.MS_RDONLY|locked, "")
	}
	return nil
}

// makeMountPoint creates a directory, or an empty file, at p if nothing is
// there yet.
func makeMountPoint(p string, dir bool) error {
	if _, err := os.Lstat(p); err == nil {
		return nil
	}
	if dir {
		return os.MkdirAll(p, 0o755)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, nil, 0o644)
}

// hideSELinux hides /sys/fs/selinux, so tools in the container do not try
// to use a policy that is not theirs.
func hideSELinux(_ context.Context, h *host.Host, _ Options) error {
	if !h.Exists("/sys/fs/selinux") || !h.Exists("/usr/share/empty") {
		return nil
	}
	if err := unix.Mount(h.Path("/usr/share/empty"), h.Path("/sys/fs/selinux"), "", unix.MS_BIND, ""); err != nil {
		return &Error{Step: HideSELinux, Path: "/sys/fs/selinux", Err: err}
	}
	return nil
}

// configureRPM keeps RPM from touching paths that belong to the host.
func configureRPM(_ context.Context, h *host.Host, _ Options) error {
	if !h.Exists("/usr/lib/rpm/macros.d") {
		return nil
	}
	const macros = "# Written by Toolbx\n# https://containertoolbx.org/\n\n%_netsharedpath /dev:/media:/mnt:/proc:/sys:/tmp:/var/lib/flatpak:/var/lib/libvirt\n"
	if err := os.WriteFile(h.Path("/usr/lib/rpm/macros.d/macros.toolbox"), []byte(macros), 0o644); err != nil {
		return &Error{Step: ConfigureRPM, Path: "/usr/lib/rpm/macros.d/macros.toolbox", Err: err}
	}
	return nil
}

// configureKerberos points Kerberos at the KCM credential cache, as the
// host's sssd-kcm does, unless the image already says where it is.
func configureKerberos(_ context.Context, h *host.Host, _ Options) error {
	if !h.Exists("/etc/krb5.conf.d") || h.Exists("/etc/krb5.conf.d/kcm_default_ccache") {
		return nil
	}
	const conf = "# Written by Toolbx\n# https://containertoolbx.org/\n#\n" +
		"# # To disable the KCM credential cache, comment out the following lines.\n\n" +
		"[libdefaults]\n    default_ccache_name = KCM:\n"
	if err := os.WriteFile(h.Path("/etc/krb5.conf.d/kcm_default_ccache"), []byte(conf), 0o644); err != nil {
		return &Error{Step: ConfigureKerberos, Path: "/etc/krb5.conf.d/kcm_default_ccache", Err: err}
	}
	return nil
}
