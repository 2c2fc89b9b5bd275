package commands

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// configureHostLinks points the container's network and time
// configuration at the host's, so changes on the host show up at once.
func (c *InitContainer) configureHostLinks(_ context.Context, h *Host) error {
	if !h.exists("/run/host/etc") {
		return nil
	}
	for _, name := range []string{"host.conf", "hosts", "resolv.conf", "localtime"} {
		if !h.exists("/run/host/etc/"+name) && !isSymlink(h.path("/run/host/etc/"+name)) {
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
func hostTarget(h *Host, p string) string {
	target := "/run/host" + p
	link, err := os.Readlink(h.path(target))
	if err != nil || !filepath.IsAbs(link) {
		return target
	}
	if _, err := os.Stat(h.path(link)); err != nil {
		return "/run/host" + link
	}
	return target
}

// redirectPath makes p a symbolic link to target, unless it already is.
func redirectPath(h *Host, p, target string) error {
	if cur, err := os.Readlink(h.path(p)); err == nil && cur == target {
		return nil
	}
	slog.Debug("Redirecting " + p + " to " + target)
	err := os.Remove(h.path(p))
	if errors.Is(err, syscall.EBUSY) {
		return fmt.Errorf("failed to redirect %s to %s: %s is a mount point", p, target, p)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("failed to remove %s: %w", p, err)
	}
	if err := os.Symlink(target, h.path(p)); err != nil {
		return fmt.Errorf("failed to redirect %s to %s: %w", p, target, err)
	}
	return nil
}

func isSymlink(p string) bool {
	fi, err := os.Lstat(p)
	return err == nil && fi.Mode()&fs.ModeSymlink != 0
}

// writeTimezone writes /etc/timezone from where the host's localtime points.
func writeTimezone(h *Host) error {
	zone := "UTC"
	if link, err := os.Readlink(h.path("/run/host/etc/localtime")); err == nil {
		for _, dir := range []string{"/run/host/usr/share/zoneinfo/", "/usr/share/zoneinfo/", "../usr/share/zoneinfo/"} {
			if rest, ok := strings.CutPrefix(link, dir); ok {
				zone = rest
				break
			}
		}
	}
	if err := os.WriteFile(h.path("/etc/timezone"), []byte(zone+"\n"), 0o664); err != nil {
		return fmt.Errorf("failed to create /etc/timezone: %w", err)
	}
	return nil
}

// configurePathLinks makes /home, /media and /mnt links where the host has
// them as links.
func (c *InitContainer) configurePathLinks(_ context.Context, h *Host) error {
	links := []struct {
		on           bool
		path, target string
	}{
		{c.HomeLink, "/home", "/var/home"},
		{c.MediaLink, "/media", "/run/media"},
		{c.MntLink, "/mnt", "/var/mnt"},
	}
	for _, l := range links {
		if !l.on {
			continue
		}
		if err := os.MkdirAll(h.path(l.target), 0o755); err != nil {
			return fmt.Errorf("failed to create %s: %w", l.target, err)
		}
		if err := redirectPath(h, l.path, l.target); err != nil {
			return err
		}
	}
	return nil
}
