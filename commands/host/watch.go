package host

import (
	"log/slog"

	"golang.org/x/sys/unix"
)

// WatchDir sends on the returned channel whenever something in dir is
// created, moved in, written or deleted. Running out of inotify resources
// only costs the events: the channel then stays silent.
func WatchDir(dir string) <-chan struct{} {
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
