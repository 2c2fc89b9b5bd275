package commands

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/toolbx-go/toolbox/podman"
)

// MigrateIfUpgraded runs `podman system migrate` once after each podman
// upgrade, as Toolbx does, recording the version in Toolbx's own stamp
// (~/.config/toolbox/podman-system-migrate). Asking podman its version
// costs a podman start-up, so that is done only when the podman binary on
// PATH changed since the last check, which the runtime directory remembers
// until reboot.
func MigrateIfUpgraded(ctx context.Context, p *Parsed, pm *podman.Client, h *Host) error {
	if !runsPodman(p.Command) {
		return nil
	}
	key := podmanBinaryKey()
	keyFile := filepath.Join(h.path(h.RuntimeDir()), "go-podman-binary")
	if cached, err := os.ReadFile(keyFile); err == nil && string(cached) == key {
		return nil
	}
	version, err := pm.Version(ctx)
	if err != nil {
		slog.DebugContext(ctx, "Getting the podman version failed", "err", err)
		return nil // the command itself will say what is wrong with podman
	}
	if err := migrateOnce(ctx, pm, h, version); err != nil {
		return err
	}
	err = os.MkdirAll(filepath.Dir(keyFile), 0o700)
	if err == nil {
		err = writeAtomically(keyFile, []byte(key))
	}
	if err != nil {
		// Not fatal: the next call asks podman its version again.
		slog.WarnContext(ctx, "Failed to remember the podman binary", "file", keyFile, "err", err)
	}
	return nil
}

// podmanBinaryKey identifies the podman binary on PATH by path, size and
// modification time.
func podmanBinaryKey() string {
	path, err := exec.LookPath("podman")
	if err != nil {
		return ""
	}
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s %d %d", path, fi.Size(), fi.ModTime().UnixNano())
}

// migrateOnce compares version with the stamp and migrates, under a lock,
// when it differs.
func migrateOnce(ctx context.Context, pm *podman.Client, h *Host, version string) error {
	stamp := filepath.Join(h.ConfigDir(), "toolbox", "podman-system-migrate")
	if data, err := os.ReadFile(stamp); err == nil && strings.TrimSpace(string(data)) == version {
		return nil
	}
	if err := os.MkdirAll(h.path(h.RuntimeDir()), 0o700); err != nil {
		return fmt.Errorf("failed to create directory %s", h.RuntimeDir())
	}
	lock, err := os.OpenFile(filepath.Join(h.path(h.RuntimeDir()), "migrate.lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("failed to create the migration lock")
	}
	defer lock.Close()
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX); err != nil {
		return fmt.Errorf("failed to acquire the migration lock")
	}
	slog.DebugContext(ctx, "Migrating to newer Podman", "version", version)
	if err := pm.SystemMigrate(ctx, ""); err != nil {
		slog.DebugContext(ctx, "Migrating failed", "err", err)
		return fmt.Errorf("failed to migrate containers")
	}
	if err := os.MkdirAll(filepath.Dir(stamp), 0o755); err != nil {
		return fmt.Errorf("failed to create the migration stamp")
	}
	if err := os.WriteFile(stamp, []byte(version+"\n"), 0o644); err != nil {
		return fmt.Errorf("failed to create the migration stamp")
	}
	return nil
}
