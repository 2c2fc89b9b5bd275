package toolbx

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ExportBin writes a wrapper for the program req.Bin of the container in
// req.To or ~/.local/bin, and returns what it wrote.
func (e *Engine) ExportBin(ctx context.Context, req ExportRequest) (Exported, error) {
	dir, err := e.binDir(req.To)
	if err != nil {
		return Exported{}, err
	}
	id, err := e.exportSource(ctx, req.Container)
	if err != nil {
		return Exported{}, err
	}
	program, err := e.resolveProgram(ctx, req.Container, req.Bin)
	if err != nil {
		return Exported{}, err
	}
	f := hostFile{
		path: filepath.Join(dir, filepath.Base(program)),
		data: wrapperScript(req.Container, program, e.Host.Executable),
		mode: 0o755,
		role: roleWrapper,
	}
	item := Exported{Kind: ExportBin, Name: program, Asked: req.Bin, Files: recordOf([]hostFile{f})}
	if err := e.writeExports(ctx, req, id, []Exported{item}, []hostFile{f}); err != nil {
		return Exported{}, err
	}
	return item, nil
}

// binDir is where a wrapper goes: to, which must be a directory, or
// ~/.local/bin, which is made when missing.
func (e *Engine) binDir(to string) (string, error) {
	if to == "" {
		return e.Host.BinHome(), nil
	}
	if !filepath.IsAbs(to) {
		if e.Host.CwdErr != nil {
			return "", e.Host.CwdErr
		}
		to = filepath.Join(e.Host.Cwd, to)
	}
	to = filepath.Clean(to)
	st, err := os.Stat(to)
	if err == nil && !st.IsDir() {
		err = errNotDirectory
	}
	if err != nil {
		return "", &ExportError{Kind: TargetUnwritable, Path: to, Err: err}
	}
	return to, nil
}

const errNotDirectory = constError("not a directory")

// OnPath says whether dir is one of the directories of $PATH.
func (e *Engine) OnPath(dir string) bool {
	for _, d := range filepath.SplitList(e.Host.Getenv("PATH")) {
		if d != "" && filepath.Clean(d) == filepath.Clean(dir) {
			return true
		}
	}
	return false
}

// wrapperScript runs program in container with the caller's arguments,
// streams and exit status, through toolbox run (toolbox on PATH when the
// host's binary is not there: inside another container, where toolbox
// forwards to the host); inside that same container it runs the program
// itself. It reads /run/.containerenv, where podman names the container,
// before it runs anything, so that the program's standard input is the
// caller's.
func wrapperScript(container, program, toolbox string) []byte {
	return fmt.Appendf(nil, `#!/bin/sh
# %[1]s=%[2]s
# %[3]s of the Toolbx container %[2]s, made by toolbox export.
# Remove it with: toolbox export --delete --bin %[4]s --container %[2]s
program=%[4]s
here=
if [ -r /run/.containerenv ]; then
	while IFS= read -r line; do
		[ "$line" = 'name="%[2]s"' ] && here=1
	done </run/.containerenv
fi
[ -n "$here" ] && exec "$program" "$@"
toolbox=%[5]s
[ -x "$toolbox" ] || toolbox=toolbox
exec "$toolbox" run --container %[2]s "$program" "$@"
`, markerKey, container, program, shQuote(program), shQuote(toolbox))
}

// shQuote quotes s for a POSIX shell.
func shQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`*?[]{}()<>|&;#~!") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
