package initctr

import (
	"context"
	"log/slog"
	"slices"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/toolbx-go/toolbox/commands/host"
)

// ldConfigFile is where the update-ldcache hook's folders go.
const ldConfigFile = "/etc/ld.so.conf.d/toolbx-nvidia.conf"

// updateLDCache adds dirs to the dynamic linker's configuration and runs
// ldconfig(8), as nvidia-cdi-hook update-ldcache does: through a file in
// /etc/ld.so.conf.d when the image has that directory, else on ldconfig's
// command line. Without an ld.so.cache, ldconfig only updates links (-N).
func updateLDCache(ctx context.Context, h *host.Host, dirs []string) error {
	slog.Debug("Updating dynamic linker cache")
	var args []string
	if !h.Exists("/etc/ld.so.cache") {
		slog.Debug("Updating dynamic linker cache: no /etc/ld.so.cache found")
		args = append(args, "-N")
	}
	switch {
	case !h.Exists("/etc/ld.so.conf.d"):
		slog.Debug("Updating dynamic linker cache: no /etc/ld.so.conf.d found")
		args = append(args, dirs...)
	case len(dirs) > 0:
		var b strings.Builder
		b.WriteString("# Written by Toolbx\n# https://containertoolbx.org/\n\n")
		var seen []string
		for _, d := range dirs {
			if !slices.Contains(seen, d) {
				seen = append(seen, d)
				b.WriteString(d + "\n")
			}
		}
		if err := host.WriteFileAtomic(h.Path(ldConfigFile), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	_, err := host.Output(ctx, "ldconfig", args...)
	return err
}

// bindWithOptions binds source over target recursively, with the options
// of a CDI mount as mount(8) takes them: ro, nosuid, nodev, noexec and
// the propagation ones; bind and rbind say what this does anyway.
func bindWithOptions(source, target string, options []string) error {
	if err := unix.Mount(source, target, "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
		return err
	}
	var flags, propagation uintptr
	for _, o := range options {
		switch o {
		case "ro":
			flags |= unix.MS_RDONLY
		case "nosuid":
			flags |= unix.MS_NOSUID
		case "nodev":
			flags |= unix.MS_NODEV
		case "noexec":
			flags |= unix.MS_NOEXEC
		case "bind", "rbind", "rw", "":
		default:
			if p, ok := propagationFlag(o); ok {
				propagation = p
			} else {
				slog.Debug("Binding " + target + ": ignoring mount option " + o)
			}
		}
	}
	if flags != 0 {
		// A remount keeps the flags the kernel locks in a user
		// namespace, or it would be refused.
		var st unix.Statfs_t
		if err := unix.Statfs(target, &st); err != nil {
			return err
		}
		locked := uintptr(st.Flags) & (unix.MS_NOSUID | unix.MS_NODEV | unix.MS_NOEXEC | unix.MS_NOATIME | unix.MS_NODIRATIME | unix.MS_RELATIME)
		if err := unix.Mount("", target, "", unix.MS_REMOUNT|unix.MS_BIND|flags|locked, ""); err != nil {
			return err
		}
	}
	if propagation != 0 {
		return unix.Mount("", target, "", propagation, "")
	}
	return nil
}

// propagationFlag is mount(2)'s flag for a propagation option of mount(8).
func propagationFlag(option string) (uintptr, bool) {
	flag := uintptr(0)
	if strings.HasPrefix(option, "r") {
		flag, option = unix.MS_REC, option[1:]
	}
	switch option {
	case "private":
		return flag | unix.MS_PRIVATE, true
	case "slave":
		return flag | unix.MS_SLAVE, true
	case "shared":
		return flag | unix.MS_SHARED, true
	}
	return 0, false
}
