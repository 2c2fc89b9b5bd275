package toolbx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/toolbx-go/toolbox/podman"
)

// The container's files are read through `podman exec` of a POSIX shell
// script, as the user: it works the same for root and rootless podman
// (podman mount needs `podman unshare` rootless, podman cp one call per
// path and no globbing), sees the container as its programs see it
// (its XDG_DATA_DIRS, links resolved inside it), and needs only sh, wc
// and cat, which every Toolbx image has. A running container is needed
// anyway: the exported programs run in it. The script writes each file
// as a line "SIZE PATH" and then SIZE bytes.

// containerFile is a file read from a container.
type containerFile struct {
	path string
	data []byte
}

// dataDirsScript sets $dirs to the container's data directories, one a
// line, without the host's (under /run/host), the shared home ($1) and
// relative ones; and defines emit FILE.
const dataDirsScript = `home=$1; shift
nl='
'
emit() {
	case $1 in *"$nl"*) return ;; esac
	[ -f "$1" ] && [ -r "$1" ] || return 0
	printf '%s %s\n' "$(wc -c <"$1")" "$1" && cat "$1"
}
dirs=
oldifs=$IFS; IFS=:
for d in ${XDG_DATA_DIRS:-/usr/local/share:/usr/share} /usr/share; do
	case $d in ''|[!/]*|/run/host|/run/host/*|"$home"|"$home"/*) continue ;; esac
	case "$nl$dirs" in *"$nl$d$nl"*) continue ;; esac
	dirs=$dirs$d$nl
done
IFS=$nl
`

// desktopFilesScript emits every desktop entry of the container's data
// directories, in their order of precedence.
const desktopFilesScript = dataDirsScript + `for d in $dirs; do
	for f in "$d"/applications/*.desktop "$d"/applications/*/*.desktop; do emit "$f"; done
done
`

// iconFilesScript emits the icons named by its arguments: absolute paths
// as they are, and names from the hicolor theme (every size and context)
// and the pixmaps directories.
const iconFilesScript = dataDirsScript + `for name in "$@"; do
	case $name in /*) emit "$name"; continue ;; esac
	for d in $dirs; do
		for f in "$d"/icons/hicolor/*/*/"$name".png "$d"/icons/hicolor/*/*/"$name".svg \
			"$d"/icons/hicolor/*/*/"$name".svgz "$d"/pixmaps/"$name".png \
			"$d"/pixmaps/"$name".svg "$d"/pixmaps/"$name".xpm; do
			emit "$f"
		done
	done
done
`

// programScript prints the absolute path of the executable $1, looked up
// in the container's PATH when it has no slash.
const programScript = `case $1 in
/*) p=$1 ;;
*/*) exit 1 ;;
*) p=$(command -v "$1") || exit 1 ;;
esac
case $p in /*) ;; *) exit 1 ;; esac
[ -f "$p" ] && [ -x "$p" ] || exit 1
printf '%s\n' "$p"`

// execScript runs script in container with args and returns its output.
func (e *Engine) execScript(ctx context.Context, container, script string, args ...string) ([]byte, int, error) {
	var out, errOut bytes.Buffer
	code, err := e.Podman.Exec(ctx, podman.ExecOptions{
		Container: container,
		User:      e.Host.User,
		Command:   append([]string{"sh", "-c", script, "sh"}, args...),
		Stdio:     podman.Stdio{Stdout: &out, Stderr: &errOut},
	})
	if err == nil && code >= 125 {
		err = fmt.Errorf("sh exited %d: %s", code, strings.TrimSpace(errOut.String()))
	}
	return out.Bytes(), code, err
}

// readFiles runs one of the emitting scripts and returns the files.
func (e *Engine) readFiles(ctx context.Context, container, script string, args ...string) ([]containerFile, error) {
	out, code, err := e.execScript(ctx, container, script, append([]string{e.Host.Home}, args...)...)
	if err == nil && code != 0 {
		err = fmt.Errorf("the script exited %d", code)
	}
	if err == nil {
		var files []containerFile
		if files, err = parseFiles(out); err == nil {
			return files, nil
		}
	}
	return nil, &ExportError{Kind: ReadFailed, Container: container, Err: err}
}

// parseFiles reads what the scripts emit.
func parseFiles(out []byte) ([]containerFile, error) {
	var files []containerFile
	for len(out) > 0 {
		header, rest, ok := bytes.Cut(out, []byte("\n"))
		size, path, ok2 := strings.Cut(strings.TrimLeft(string(header), " "), " ")
		n, err := strconv.Atoi(strings.TrimSpace(size))
		if !ok || !ok2 || err != nil || n < 0 || n > len(rest) {
			return nil, errors.New("garbled output from the container")
		}
		files = append(files, containerFile{path: path, data: rest[:n]})
		out = rest[n:]
	}
	return files, nil
}

// resolveProgram finds program in container and returns its path there.
func (e *Engine) resolveProgram(ctx context.Context, container, program string) (string, error) {
	out, code, err := e.execScript(ctx, container, programScript, program)
	if err != nil {
		return "", &ExportError{Kind: ReadFailed, Container: container, Name: program, Err: err}
	}
	path := strings.TrimSuffix(string(out), "\n")
	if code != 0 || !strings.HasPrefix(path, "/") || strings.Contains(path, "\n") {
		return "", &ExportError{Kind: ProgramNotFound, Container: container, Name: program}
	}
	return path, nil
}
