package commands

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// TestLogHandler: lines read as logrus's with DisableTimestamp, and the
// host reads them back.
func TestLogHandler(t *testing.T) {
	var b bytes.Buffer
	log := slog.New(LogHandler(&b, toolbx.LevelTrace))
	log.Debug("Creating /run/.toolboxenv")
	log.Warn("Failed to run updatedb", "err", "exit status 1")
	want := "level=debug msg=\"Creating /run/.toolboxenv\"\n" +
		"level=warning msg=\"Failed to run updatedb\" err=\"exit status 1\"\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	if level, msg, ok := toolbx.ParseLogLine("level=warning msg=\"Failed to run updatedb\" err=\"exit status 1\""); !ok || level != slog.LevelWarn || msg != "Failed to run updatedb" {
		t.Errorf("ParseLogLine = %v, %q, %v", level, msg, ok)
	}
}
