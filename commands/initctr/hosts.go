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

// The container's hostname resolves in every image. Toolbx links
// /etc/hosts to the host's, which does not name the container's hostname,
// so in images without nss-myhostname sudo says it cannot resolve it and
// X11 programs wait for DNS (Toolbx issues 969, 1059, 1528). Here
// /etc/hosts is a file of the container's own: the host's entries, and a
// line for the hostname when the host's do not name it. It is rewritten
// when the host's changes, and the host's file is never written.

// hostsMarker starts the lines init-container adds.
const hostsMarker = "# Added by Toolbx: the container's hostname\n"

// configureHosts writes /etc/hosts before the readiness stamp, so the
// hostname resolves from the first session on.
func configureHosts(_ context.Context, h *host.Host, _ Options) error {
	if !h.Exists("/run/host/etc") {
		return nil
	}
	return writeHosts(h)
}

// writeHosts makes /etc/hosts the host's entries plus the hostname's,
// unless it already is. It replaces the file, or the link to the host's,
// through a rename, so a reader never sees half of it.
func writeHosts(h *host.Host) error {
	want := hostsContent(h)
	if cur, err := os.ReadFile(h.Path("/etc/hosts")); err == nil && string(cur) == want && !isSymlink(h.Path("/etc/hosts")) {
		return nil
	}
	slog.Debug("Writing /etc/hosts with the host's entries and the container's hostname")
	f, err := os.CreateTemp(h.Path("/etc"), ".hosts-toolbx-*")
	if err != nil {
		return &Error{Step: WriteHosts, Path: "/etc/hosts", Err: err}
	}
	_, err = f.WriteString(want)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), h.Path("/etc/hosts"))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	switch {
	case errors.Is(err, syscall.EBUSY):
		// Made by podman for containers created without --no-hosts.
		return &Error{Step: RedirectMountPoint, Path: "/etc/hosts", Target: "/run/host/etc/hosts", Err: err}
	case err != nil:
		return &Error{Step: WriteHosts, Path: "/etc/hosts", Err: err}
	}
	return nil
}

// hostsContent is the host's /etc/hosts, then the hostname's lines when
// the host's entries do not name it.
func hostsContent(h *host.Host) string {
	data, err := os.ReadFile(h.Path(hostTarget(h, "/etc/hosts")))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		slog.Warn("Failed to read the host's /etc/hosts", "err", err)
	}
	content := string(data)
	name := hostname(h)
	if name == "" || hostsName(content, name) {
		return content
	}
	if content != "" && !strings.HasSuffix(content, "\n") {
		content += "\n"
	}
	names := name
	if short, _, ok := strings.Cut(name, "."); ok && short != "" {
		names += " " + short
	}
	// As Debian's installer names the hostname: 127.0.1.1, so that
	// 127.0.0.1 stays localhost both ways.
	return content + hostsMarker + "127.0.1.1\t" + names + "\n"
}

// hostname is the container's hostname (its UTS namespace's, which
// `create --hostname` sets).
func hostname(h *host.Host) string {
	data, err := os.ReadFile(filepath.Join(h.Path("/proc"), "sys/kernel/hostname"))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(data))
}

// hostsName says whether a hosts file names name, ignoring comments.
func hostsName(content, name string) bool {
	for line := range strings.Lines(content) {
		line, _, _ = strings.Cut(line, "#")
		fields := strings.Fields(line)
		for _, f := range fields[min(1, len(fields)):] {
			if strings.EqualFold(f, name) {
				return true
			}
		}
	}
	return false
}
