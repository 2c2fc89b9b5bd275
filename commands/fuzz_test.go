package commands

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCommandLine: whatever the command line, toolbox parses it or says
// why in cobra's words, with the usage hint, and never panics.
func FuzzCommandLine(f *testing.F) {
	for _, s := range []string{"run -c box ls -la", "create --release -3", "-yvv enter", "rm -f -- -l", "--foo",
		"run --preserve-fds -1 true", "init-container --uid x", "help create", "list -x", "-c=box run true", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if !utf8.ValidString(line) {
			return
		}
		args := strings.Fields(line)
		var cli CLI
		stdio, _, _ := testIO("")
		_, err := Parse(&cli, stdio, args)
		if err == nil || IsVersionRequest(err) {
			return
		}
		if _, ok := err.(*HelpRequest); ok {
			return
		}
		msg := UsageError(err, args).Error()
		if !strings.HasSuffix(msg, usageHint) || strings.Contains(msg, "%!") {
			t.Errorf("%q: %q", args, msg)
		}
	})
}
