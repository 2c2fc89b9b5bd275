package toolbx

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/godbus/dbus/v5"
)

// busTimeout bounds each D-Bus conversation: a bus that does not answer
// must not hold up enter, run or create.
const busTimeout = 5 * time.Second

// connectBus connects to the D-Bus bus at address.
func connectBus(ctx context.Context, address string) (*dbus.Conn, error) {
	return dbus.Connect(address, dbus.WithContext(ctx))
}

// sessionBusAddress is the user's session bus: $DBUS_SESSION_BUS_ADDRESS,
// else $XDG_RUNTIME_DIR/bus when that socket is there; "" when there is
// none (no bus is ever launched for toolbox).
func (e *Engine) sessionBusAddress() string {
	if addr := e.Host.Getenv("DBUS_SESSION_BUS_ADDRESS"); addr != "" {
		return addr
	}
	bus := filepath.Join(e.Host.XDGRuntimeDir(), "bus")
	if e.Host.Exists(bus) {
		return "unix:path=" + bus
	}
	return ""
}

// requestFlatpakSession asks flatpak's session helper to keep copies of
// the host's configuration in its monitor directory, which containers
// made by Toolbx before 0.0.97 mount at /run/host/monitor. Without a
// session bus or a helper their entry point does without: that is only
// logged.
func (e *Engine) requestFlatpakSession(ctx context.Context) {
	const method = "org.freedesktop.Flatpak.SessionHelper.RequestSession"
	slog.DebugContext(ctx, "Calling "+method)
	addr := e.sessionBusAddress()
	if addr == "" {
		slog.DebugContext(ctx, "Calling "+method+": no D-Bus session bus")
		return
	}
	ctx, cancel := context.WithTimeout(ctx, busTimeout)
	defer cancel()
	conn, err := connectBus(ctx, addr)
	if err != nil {
		slog.DebugContext(ctx, "Calling "+method+": failed to connect to the D-Bus session instance", "err", err)
		return
	}
	defer conn.Close()
	var reply map[string]dbus.Variant
	helper := conn.Object("org.freedesktop.Flatpak", "/org/freedesktop/Flatpak/SessionHelper")
	if err := helper.CallWithContext(ctx, method, 0).Store(&reply); err != nil {
		slog.DebugContext(ctx, "Calling "+method+" failed", "err", err)
		return
	}
	path, ok := reply["path"].Value().(string)
	if !ok {
		slog.DebugContext(ctx, "Calling "+method+": unknown reply", "reply", fmt.Sprint(reply))
		return
	}
	slog.DebugContext(ctx, "Flatpak's session helper monitors "+path)
}
