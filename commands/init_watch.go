package commands

import (
	"context"
	"log/slog"
	"os/exec"
	"time"

	"golang.org/x/sys/unix"
)

// watch keeps the container running: it rewrites /etc/timezone when the
// host's /etc changes and runs updatedb daily, until the context ends
// (podman stop sends SIGTERM).
func watch(ctx context.Context, h *Host) error {
	events := watchDir(h.path("/run/host/etc"))
	ticker := time.NewTicker(24 * time.Hour)
	defer ticker.Stop()
	updatedb(ctx)
	slog.Debug("Listening to file system and ticker events")
	for {
		select {
		case <-ctx.Done():
			slog.Debug("Stopping")
			return nil
		case <-ticker.C:
			updatedb(ctx)
		case <-events:
			if err := writeTimezone(h); err != nil {
				slog.Warn("Failed to update /etc/timezone", "err", err)
			}
		}
	}
}

// watchDir sends on the returned channel whenever something in dir
// changes. Running out of inotify resources only costs the updates.
func watchDir(dir string) <-chan struct{} {
	events := make(chan struct{}, 1)
	fd, err := unix.InotifyInit1(unix.IN_CLOEXEC)
	if err != nil {
		slog.Warn("Failed to watch "+dir, "err", err)
		return events
	}
	mask := uint32(unix.IN_CREATE | unix.IN_MOVED_TO | unix.IN_CLOSE_WRITE | unix.IN_DELETE)
	if _, err := unix.InotifyAddWatch(fd, dir, mask); err != nil {
		slog.Warn("Failed to watch "+dir, "err", err)
		unix.Close(fd)
		return events
	}
	go func() {
		buf := make([]byte, 64*(unix.SizeofInotifyEvent+unix.NAME_MAX+1))
		for {
			if _, err := unix.Read(fd, buf); err != nil && err != unix.EINTR {
				return
			}
			select {
			case events <- struct{}{}:
			default:
			}
		}
	}()
	return events
}

// updatedb refreshes the locate database when the image has one.
func updatedb(ctx context.Context) {
	if _, err := exec.LookPath("updatedb"); err != nil {
		return
	}
	if err := runTool(ctx, "updatedb"); err != nil {
		slog.Warn("Failed to run updatedb", "err", err)
	}
}
