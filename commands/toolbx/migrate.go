package toolbx

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/toolbx-go/toolbox/podman"
)

// MigrateIfUpgraded runs `podman system migrate` once after each podman
// upgrade, as Toolbx does, recording the version in Toolbx's own stamp
// (~/.config/toolbox/podman-system-migrate). Asking podman its version
// costs a podman start-up, so that is done only when the podman binary on
// PATH changed since the last check, which the state remembers until
// reboot.
func (e *Engine) MigrateIfUpgraded(ctx context.Context) error {
	st := e.state()
	key := podman.BinaryState()
	if st.read("go-podman-binary") == key {
		return nil
	}
	version, err := e.Podman.Version(ctx)
	if err != nil {
		slog.DebugContext(ctx, "Getting the podman version failed", "err", err)
		return nil // the command itself will say what is wrong with podman
	}
	if err := e.migrateOnce(ctx, version); err != nil {
		return err
	}
	if err := st.write("go-podman-binary", []byte(key)); err != nil {
		// Not fatal: the next call asks podman its version again.
		slog.WarnContext(ctx, "Failed to remember the podman binary", "err", err)
	}
	return nil
}

// migrateOnce compares version with the stamp and migrates, under a lock,
// when it differs.
func (e *Engine) migrateOnce(ctx context.Context, version string) error {
	stamp := filepath.Join(e.Host.ConfigDir(), "toolbox", "podman-system-migrate")
	if data, err := os.ReadFile(stamp); err == nil && strings.TrimSpace(string(data)) == version {
		return nil
	}
	dir := e.Host.Path(e.Host.RuntimeDir())
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return failed(CreateRuntimeDir, e.Host.RuntimeDir(), err)
	}
	lock, err := os.OpenFile(filepath.Join(dir, "migrate.lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return &StateError{What: "create lock", Err: err}
	}
	defer lock.Close()
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX); err != nil {
		return &StateError{What: "acquire lock", Err: err}
	}
	slog.DebugContext(ctx, "Migrating to newer Podman", "version", version)
	if err := e.Podman.SystemMigrate(ctx, ""); err != nil {
		slog.DebugContext(ctx, "Migrating failed", "err", err)
		return &MigrateFailed{Err: err}
	}
	if err := os.MkdirAll(filepath.Dir(stamp), 0o755); err != nil {
		return &StateError{What: "create stamp", Err: err}
	}
	if err := os.WriteFile(stamp, []byte(version+"\n"), 0o644); err != nil {
		return &StateError{What: "create stamp", Err: err}
	}
	return nil
}
