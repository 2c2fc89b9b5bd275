package toolbx

import (
	"bufio"
	"bytes"
	"context"
	"log/slog"
	"strings"
	"time"
)

// The entry point logs logfmt lines (level=debug msg="..."), which the
// host relays at their level as "> msg"; any other line is its error.

// LevelTrace is slog's level for --log-level trace.
const LevelTrace = slog.Level(-8)

// ParseLevel maps a logrus level name, as --log-level takes it, to slog.
func ParseLevel(level string) (slog.Level, bool) {
	switch strings.ToLower(level) {
	case "trace":
		return LevelTrace, true
	case "debug":
		return slog.LevelDebug, true
	case "info":
		return slog.LevelInfo, true
	case "warn", "warning":
		return slog.LevelWarn, true
	case "error", "fatal", "panic":
		return slog.LevelError, true
	}
	return 0, false
}

// containerLog returns the entry point's log since a time: logfmt lines
// are logged locally as "> msg", and other lines (its "Error: ..." output)
// are returned.
func (e *Engine) containerLog(ctx context.Context, name string, since time.Time) []string {
	var out bytes.Buffer
	if err := e.Podman.Logs(ctx, name, since, &out); err != nil {
		slog.DebugContext(ctx, "Reading the container's log failed", "err", err)
	}
	var plain []string
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if level, msg, ok := ParseLogLine(line); ok {
			slog.Log(ctx, level, "> "+msg)
		} else {
			plain = append(plain, strings.TrimPrefix(line, "Error: "))
		}
	}
	return plain
}

// relogInit shows init-container's log at debug level, only when asked.
func (e *Engine) relogInit(ctx context.Context, name string, since time.Time) {
	if slog.Default().Enabled(ctx, slog.LevelDebug) {
		e.containerLog(ctx, name, since)
	}
}

// initFailure is the error of a container that did not initialise: the
// entry point's own error lines when it printed any, else op's.
func (e *Engine) initFailure(ctx context.Context, name string, since time.Time, op Op) error {
	if lines := e.containerLog(ctx, name, since); len(lines) > 0 {
		return &EntryPointError{Container: name, Lines: lines}
	}
	return failed(op, name, nil)
}

// ParseLogLine reads a logfmt line's level and msg. ok is false for lines
// that are not logfmt, such as "Error: ...".
func ParseLogLine(line string) (level slog.Level, msg string, ok bool) {
	lv, rest, found := cutField(line, "level=")
	if !found {
		return 0, "", false
	}
	if level, ok = ParseLevel(lv); !ok {
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
	if !strings.HasPrefix(v, `"`) {
		value, rest, _ = strings.Cut(v, " ")
		return value, rest, true
	}
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

func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	}
	return c
}
