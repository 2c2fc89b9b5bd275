package toolbx

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"

	"github.com/toolbx-go/toolbox/commands/host"
)

// The host's CA certificates reach containers through PKCS #11: enter and
// run make sure a `p11-kit server` for the user's trust module listens on
// P11KitSocket in the runtime directory, and give the exec its address;
// init-container points the container's trust module at that socket. The
// server outlives toolbox, like a session's agent; a lock keeps two
// concurrent calls from starting two. Without p11-kit on the host nothing
// happens: a stat and a PATH look-up.

// P11KitSocket is the server's socket in the runtime directory.
const P11KitSocket = "pkcs11"

// p11KitEnv returns P11_KIT_SERVER_ADDRESS for the exec, starting the
// server if it is not running; nothing when there is no server.
func (e *Engine) p11KitEnv(ctx context.Context) []string {
	const prefix = "Starting 'p11-kit server'"
	socket := filepath.Join(e.Host.RuntimeDir(), P11KitSocket)
	env := []string{"P11_KIT_SERVER_ADDRESS=unix:path=" + socket}
	if e.Host.Exists(socket) {
		return env
	}
	if !e.Host.HasTool("p11-kit") {
		slog.DebugContext(ctx, prefix+": p11-kit(8) not found; skipping")
		return nil
	}
	slog.DebugContext(ctx, prefix+" with socket "+socket)
	dir := e.Host.Path(e.Host.RuntimeDir())
	if err := os.MkdirAll(dir, 0o700); err != nil {
		slog.DebugContext(ctx, prefix+" failed", "err", err)
		return nil
	}
	lock, err := os.OpenFile(filepath.Join(dir, "pkcs11.lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err == nil {
		defer lock.Close()
		err = unix.Flock(int(lock.Fd()), unix.LOCK_EX)
	}
	if err != nil {
		slog.DebugContext(ctx, prefix+": cannot take the lock", "err", err)
		return nil
	}
	if e.Host.Exists(socket) {
		slog.DebugContext(ctx, prefix+": socket "+socket+" already exists; skipping")
		return env
	}
	err = host.StartDaemon(ctx, "p11-kit", "server", "--name", socket,
		"--provider", "p11-kit-trust.so", "pkcs11:model=p11-kit-trust?write-protected=yes")
	if err != nil {
		slog.DebugContext(ctx, prefix+" failed", "err", err)
		return nil
	}
	return env
}
