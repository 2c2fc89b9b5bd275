package toolbx

import (
	"context"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
)

// ListExports returns what was exported from container, or from every
// container when it is "", sorted by container; nothing needs podman.
func (e *Engine) ListExports(container string) ([]ExportRecord, error) {
	r, err := readRecords(e.recordsDir())
	if err != nil {
		return nil, &ExportError{Kind: RecordFailed, Path: e.recordsDir(), Err: err}
	}
	var list []ExportRecord
	for _, rec := range r.list {
		if container == "" || rec.Container == container {
			list = append(list, *rec)
		}
	}
	slices.SortFunc(list, func(a, b ExportRecord) int { return strings.Compare(a.Container, b.Container) })
	return list, nil
}

// Unexported is what DeleteExport removed, and kept because it changed
// since it was exported.
type Unexported struct{ Removed, Kept []string }

// DeleteExport removes the exports of req.App or req.Bin (from req.To
// only, when given) of container req.Container; the container need not
// exist any more.
func (e *Engine) DeleteExport(ctx context.Context, req ExportRequest) (Unexported, error) {
	match, err := e.deleteMatch(req)
	if err != nil {
		return Unexported{}, err
	}
	var done Unexported
	found := false
	err = e.withRecords(false, func(r *records) error {
		done.Removed, done.Kept, found = r.take(req.Container, match)
		return nil
	})
	if err == nil && !found {
		name := req.App + req.Bin
		return Unexported{}, &ExportError{Kind: NotExported, Container: req.Container, Name: name}
	}
	if req.App != "" && len(done.Removed) > 0 {
		e.refreshDesktopDatabase(ctx)
	}
	return done, err
}

// deleteMatch says which exports req names: an app by what was asked, its
// desktop file ID or that ID's file name; a program by what was asked, its
// path in the container or its wrapper's name, and its wrapper's
// directory when req.To is given.
func (e *Engine) deleteMatch(req ExportRequest) (func(Exported) bool, error) {
	if req.App != "" {
		return func(x Exported) bool {
			return x.Kind == ExportApp && (x.Asked == req.App || x.Name == strings.TrimSuffix(req.App, ".desktop") || x.Source == req.App)
		}, nil
	}
	dir := ""
	if req.To != "" {
		var err error
		if dir, err = e.binDir(req.To); err != nil {
			return nil, err
		}
	}
	return func(x Exported) bool {
		if x.Kind != ExportBin || len(x.Files) == 0 {
			return false
		}
		wrapper := x.Files[0].Path
		named := x.Asked == req.Bin || x.Name == req.Bin || filepath.Base(wrapper) == req.Bin
		return named && (dir == "" || filepath.Dir(wrapper) == dir)
	}, nil
}

// unexportRemoved removes what was exported from the container that
// `toolbox rm` removed, known by its ID or its name, and says so.
func (e *Engine) unexportRemoved(ctx context.Context, id, name string) {
	var notices []ExportsRemoved
	apps := false
	err := e.withRecords(false, func(r *records) error {
		for _, rec := range r.list {
			if rec.Container != name && (id == "" || rec.ID != id) {
				continue
			}
			apps = apps || slices.ContainsFunc(rec.Exports, func(x Exported) bool { return x.Kind == ExportApp })
			removed, kept, _ := r.take(rec.Container, func(Exported) bool { return true })
			if len(removed)+len(kept) > 0 {
				notices = append(notices, ExportsRemoved{Container: rec.Container, Removed: removed, Kept: kept})
			}
		}
		return nil
	})
	if err != nil {
		slog.DebugContext(ctx, "Removing the exports failed", "container", name, "err", err)
		notices = append(notices, ExportsRemoved{Container: name, Err: err})
	}
	for _, n := range notices {
		e.UI.Notify(n)
	}
	if apps {
		e.refreshDesktopDatabase(ctx)
	}
}
