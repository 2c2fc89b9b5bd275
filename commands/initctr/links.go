package initctr

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/toolbx-go/toolbox/commands/host"
)

// configureHostLinks points the container's network and time
// configuration at the host's, so changes on the host show up at once.
func configureHostLinks(_ context.Context, h *host.Host, _ Options) error {
	if !h.Exists("/run/host/etc") {
		return nil
	}
	// /etc/hosts is the container's own: see hosts.go.
	for _, name := range []string{"host.conf", "resolv.conf", "localtime"} {
		if !h.Exists("/run/host/etc/"+name) && !isSymlink(h.Path("/run/host/etc/"+name)) {
			continue
		}
		if err := redirectPath(h, "/etc/"+name, hostTarget(h, "/etc/"+name)); err != nil {
			return err
		}
	}
	return writeTimezone(h)
}

// hostTarget is /run/host/P, or, when the host's P is an absolute link
// that does not resolve inside the container, /run/host plus its target.
func hostTarget(h *host.Host, p string) string {
	target := "/run/host" + p
	link, err := os.Readlink(h.Path(target))
	if err != nil || !filepath.IsAbs(link) {
		return target
	}
	if _, err := os.Stat(h.Path(link)); err != nil {
		return "/run/host" + link
	}
	return target
}

// redirectPath makes p a symbolic link to target, unless it already is.
func redirectPath(h *host.Host, p, target string) error {
	if cur, err := os.Readlink(h.Path(p)); err == nil && cur == target {
		return nil
	}
	slog.Debug("Redirecting " + p + " to " + target)
	err := os.Remove(h.Path(p))
	if errors.Is(err, syscall.EBUSY) {
		return &Error{Step: RedirectMountPoint, Path: p, Target: target, Err: err}
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &Error{Step: RemoveForLink, Path: p, Err: err}
	}
	if err := os.Symlink(target, h.Path(p)); err != nil {
		return &Error{Step: Redirect, Path: p, Target: target, Err: err}
	}
	return nil
}

func isSymlink(p string) bool {
	fi, err := os.Lstat(p)
	return err == nil && fi.Mode()&fs.ModeSymlink != 0
}

// writeTimezone writes /etc/timezone from where the host's localtime points.
func writeTimezone(h *host.Host) error {
	zone := "UTC"
	if link, err := os.Readlink(h.Path("/run/host/etc/localtime")); err == nil {
		for _, dir := range []string{"/run/host/usr/share/zoneinfo/", "/usr/share/zoneinfo/", "../usr/share/zoneinfo/"} {
			if rest, ok := strings.CutPrefix(link, dir); ok {
				zone = rest
				break
			}
		}
	}
	if err := os.WriteFile(h.Path("/etc/timezone"), []byte(zone+"\n"), 0o664); err != nil {
		return &Error{Step: WriteTimezone, Path: "/etc/timezone", Err: err}
	}
	return nil
}

// configurePathLinks makes /home, /media and /mnt links where the host has
// them as links.
func configurePathLinks(_ context.Context, h *host.Host, o Options) error {
	links := []struct {
		on           bool
		path, target string
	}{
		{o.HomeLink, "/home", "/var/home"},
		{o.MediaLink, "/media", "/run/media"},
		{o.MntLink, "/mnt", "/var/mnt"},
	}
	for _, l := range links {
		if !l.on {
			continue
		}
		if err := os.MkdirAll(h.Path(l.target), 0o755); err != nil {
			return &Error{Step: CreateDirectory, Path: l.target, Err: err}
		}
		if err := redirectPath(h, l.path, l.target); err != nil {
			return err
		}
	}
	return nil
}
