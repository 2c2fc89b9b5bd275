package toolbx

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/godbus/dbus/v5"
)

// hostSocket is a daemon whose socket a Toolbx container shares with the
// host: the unit that systemd socket-activates it by, and where that unit
// listens by default, for hosts without systemd.
type hostSocket struct{ service, unit, path string }

func hostSockets() []hostSocket {
	return []hostSocket{
		{"Avahi", "avahi-daemon.socket", "/run/avahi-daemon/socket"},
		{"KCM", "sssd-kcm.socket", "/run/.heim_org.h5l.kcm-socket"},
		{"pcsc", "pcscd.socket", "/run/pcscd/pcscd.comm"},
	}
}

// socketVolumes are the volumes of the host's Avahi, Kerberos KCM and
// pcscd sockets, each where the host has it. On a host that runs systemd,
// systemd says where (the Listen property of each socket unit, over the
// system bus, as Toolbx asks); where it does not know the unit, or on a
// host without systemd, the socket counts at the unit's default path.
func (e *Engine) socketVolumes(ctx context.Context) []string {
	var systemd *dbus.Conn
	if e.Host.Exists("/run/systemd/system") { // sd_booted(3)
		ctx, cancel := context.WithTimeout(ctx, busTimeout)
		defer cancel()
		conn, err := connectBus(ctx, e.systemBusAddress())
		if err != nil {
			slog.DebugContext(ctx, "Resolving sockets: failed to connect to the D-Bus system instance", "err", err)
		} else {
			defer conn.Close()
			systemd = conn
		}
	}
	var volumes []string
	for _, s := range hostSockets() {
		slog.DebugContext(ctx, "Resolving path to the "+s.service+" socket")
		path := ""
		if systemd != nil {
			path = e.unitSocket(ctx, systemd, s.unit)
		}
		if path == "" && e.isSocket(s.path) {
			path = s.path
		}
		if path != "" {
			volumes = append(volumes, path+":"+path)
		}
	}
	return volumes
}

// systemBusAddress is $DBUS_SYSTEM_BUS_ADDRESS or the standard socket.
func (e *Engine) systemBusAddress() string {
	if addr := e.Host.Getenv("DBUS_SYSTEM_BUS_ADDRESS"); addr != "" {
		return addr
	}
	return "unix:path=/var/run/dbus/system_bus_socket"
}

// unitSocket is the first absolute SOCK_STREAM path that the socket unit
// listens on, symlinks resolved; "" when systemd names none.
func (e *Engine) unitSocket(ctx context.Context, conn *dbus.Conn, unit string) string {
	path := dbus.ObjectPath("/org/freedesktop/systemd1/unit/" + systemdPathEscape(unit))
	v, err := conn.Object("org.freedesktop.systemd1", path).GetProperty("org.freedesktop.systemd1.Socket.Listen")
	if err != nil {
		slog.DebugContext(ctx, "Resolving the socket of "+unit+" failed", "err", err)
		return ""
	}
	listen, _ := v.Value().([][]any) // a(ss): (type, address)
	for _, l := range listen {
		if len(l) < 2 {
			continue
		}
		kind, _ := l[0].(string)
		p, _ := l[1].(string)
		if kind != "Stream" || !strings.HasPrefix(p, "/") {
			continue
		}
		if canon, err := filepath.EvalSymlinks(e.Host.Path(p)); err == nil {
			rel, _ := filepath.Rel(e.Host.Root, canon)
			return "/" + rel
		}
	}
	slog.DebugContext(ctx, "Resolving the socket of "+unit+": no SOCK_STREAM socket")
	return ""
}

// isSocket says whether the host has a Unix socket at p.
func (e *Engine) isSocket(p string) bool {
	fi, err := os.Stat(e.Host.Path(p))
	return err == nil && fi.Mode()&os.ModeSocket != 0
}

// systemdPathEscape escapes a unit name for its D-Bus object path as
// sd_bus_path_encode does: every byte but [A-Za-z0-9] (and a leading
// digit) becomes _XX.
func systemdPathEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if alnum && (i > 0 || c > '9') {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "_%02x", c)
		}
	}
	return b.String()
}
