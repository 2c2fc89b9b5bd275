package commands

import (
	"fmt"
	"io"
	"log/slog"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// LogHandler writes logfmt lines like Toolbx's logrus does, without a
// timestamp (level=debug msg="..."), which is also what the host parses
// from init-container's output.
func LogHandler(w io.Writer, level slog.Level) slog.Handler {
	return slog.NewTextHandler(w, &slog.HandlerOptions{
		Level: level,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			if a.Key != slog.LevelKey {
				return a
			}
			l, _ := a.Value.Any().(slog.Level)
			return slog.String(slog.LevelKey, levelName(l))
		},
	})
}

func levelName(l slog.Level) string {
	switch {
	case l <= toolbx.LevelTrace:
		return "trace"
	case l < slog.LevelInfo:
		return "debug"
	case l < slog.LevelWarn:
		return "info"
	case l < slog.LevelError:
		return "warning"
	}
	return "error"
}

// SlogLevel maps a --log-level value to slog.
func SlogLevel(level string) (slog.Level, error) {
	if l, ok := toolbx.ParseLevel(level); ok {
		return l, nil
	}
	return 0, fmt.Errorf("failed to parse log-level")
}
