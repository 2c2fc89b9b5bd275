package commands

import (
	"context"
	"io"
	"log/slog"
	"strings"
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
	case l <= LevelTrace:
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

// parseLogLine reads a logfmt line's level and msg. ok is false for lines
// that are not logfmt, such as "Error: ...".
func parseLogLine(line string) (level slog.Level, msg string, ok bool) {
	lv, rest, found := cutField(line, "level=")
	if !found {
		return 0, "", false
	}
	level, err := SlogLevel(lv)
	if err != nil {
		level = slog.LevelInfo
	}
	msg, _, _ = cutField(rest, "msg=")
	return level, msg, true
}

// cutField finds key=value in line; value may be double-quoted.
func cutField(line, key string) (value, rest string, ok bool) {
	i := strings.Index(" "+line, " "+key)
	if i < 0 {
		return "", "", false
	}
	v := line[i+len(key):]
	if strings.HasPrefix(v, `"`) {
		var b strings.Builder
		for j := 1; j < len(v); j++ {
			switch v[j] {
			case '\\':
				if j+1 < len(v) {
					j++
					b.WriteByte(unescape(v[j]))
				}
			case '"':
				return b.String(), v[j+1:], true
			default:
				b.WriteByte(v[j])
			}
		}
		return b.String(), "", true
	}
	value, rest, _ = strings.Cut(v, " ")
	return value, rest, true
}

func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	}
	return c
}

// relog logs a line from a container's entry point as "> msg" at its level.
func relog(ctx context.Context, line string) bool {
	level, msg, ok := parseLogLine(line)
	if ok {
		slog.Log(ctx, level, "> "+msg)
	}
	return ok
}
