package toolbx

import (
	"context"
	"slices"
	"strings"

	"github.com/toolbx-go/toolbox/podman"
)

// programsScript prints the names of the executables in the container's
// PATH, but those of the host's and of the shared home ($1).
const programsScript = `home=$1
IFS=:
for d in $PATH; do
	case $d in ''|[!/]*|/run/host|/run/host/*|"$home"|"$home"/*) continue ;; esac
	for f in "$d"/*; do
		[ -f "$f" ] && [ -x "$f" ] && printf '%s\n' "${f##*/}"
	done
done`

// ExportCandidates lists what container has to export, for completion:
// the IDs of its applications' desktop entries, or the names of the
// programs on its PATH. A container that is not running offers nothing,
// rather than being started at a Tab.
func (e *Engine) ExportCandidates(ctx context.Context, container string, kind ExportKind) ([]string, error) {
	if pid, id := e.state().EntryPoint(container); pid == 0 || !e.isAlive(pid, id) {
		ctr, err := e.Podman.InspectContainer(ctx, container)
		if err != nil || !ctr.Running() || !podman.IsToolbx(ctr.Labels) {
			return nil, err
		}
	}
	var names []string
	if kind == ExportApp {
		found, err := e.readFiles(ctx, container, desktopFilesScript)
		if err != nil {
			return nil, err
		}
		for _, app := range desktopApps(ctx, found) {
			names = append(names, app.id)
		}
	} else {
		out, _, err := e.execScript(ctx, container, programsScript, e.Host.Home)
		if err != nil {
			return nil, err
		}
		names = strings.Fields(string(out))
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// ExportedNames lists what was exported of kind from container: desktop
// file IDs, or programs' paths in the container.
func (e *Engine) ExportedNames(container string, kind ExportKind) ([]string, error) {
	records, err := e.ListExports(container)
	var names []string
	for _, rec := range records {
		for _, x := range rec.Exports {
			if x.Kind == kind && !slices.Contains(names, x.Name) {
				names = append(names, x.Name)
			}
		}
	}
	slices.Sort(names)
	return names, err
}
