package toolbx

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/sys/unix"
)

// The record of exports: one JSON file per container,
// $XDG_DATA_HOME/toolbox/exports/CONTAINER.json, with the container's ID
// and every file written for it, wherever it went, and its SHA-256.
// Changes happen under a lock (.lock there), so that concurrent exports
// do not lose each other's records.

// ExportRecord is what was exported from one container.
type ExportRecord struct {
	Container string     `json:"container"`
	ID        string     `json:"id,omitempty"`
	Exports   []Exported `json:"exports"`
}

// records are all the records, as read.
type records struct {
	dir     string
	list    []*ExportRecord
	changed map[string]bool
}

func (e *Engine) recordsDir() string { return filepath.Join(e.Host.DataHome(), "toolbox", "exports") }

// withRecords runs f on the records under the lock, and writes back those
// it changed. Without create, no records directory means nothing to do.
func (e *Engine) withRecords(create bool, f func(*records) error) error {
	dir := e.recordsDir()
	if !create {
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return nil
		}
	}
	recordErr := func(err error) error { return &ExportError{Kind: RecordFailed, Path: dir, Err: err} }
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return recordErr(err)
	}
	lock, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return recordErr(err)
	}
	defer lock.Close()
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX); err != nil {
		return recordErr(err)
	}
	r, err := readRecords(dir)
	if err != nil {
		return recordErr(err)
	}
	if err := f(r); err != nil {
		return err
	}
	if err := r.save(); err != nil {
		return recordErr(err)
	}
	return nil
}

// readRecords reads every record in dir.
func readRecords(dir string) (*records, error) {
	r := &records{dir: dir, changed: map[string]bool{}}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return r, nil
	} else if err != nil {
		return nil, err
	}
	for _, ent := range entries {
		name, ok := strings.CutSuffix(ent.Name(), ".json")
		if !ok || strings.HasPrefix(name, ".") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, ent.Name()))
		if err != nil {
			return nil, err
		}
		rec := &ExportRecord{}
		if err := json.Unmarshal(data, rec); err != nil {
			return nil, err
		}
		rec.Container = name
		r.list = append(r.list, rec)
	}
	return r, nil
}

// save writes the changed records, each through a temporary file; a
// record left empty goes.
func (r *records) save() error {
	for _, rec := range r.list {
		if !r.changed[rec.Container] {
			continue
		}
		path := filepath.Join(r.dir, rec.Container+".json")
		if len(rec.Exports) == 0 {
			if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			continue
		}
		data, err := json.MarshalIndent(rec, "", "\t")
		if err != nil {
			return err
		}
		if err := writeAll([]hostFile{{path: path, data: append(data, '\n'), mode: 0o600}}); err != nil {
			return err
		}
	}
	return nil
}

// of is container's record, a new one when it has none.
func (r *records) of(container string) *ExportRecord {
	for _, rec := range r.list {
		if rec.Container == container {
			return rec
		}
	}
	rec := &ExportRecord{Container: container}
	r.list = append(r.list, rec)
	return rec
}

// add records items as container's, in place of the exports that had
// any of their files (the same exported again, or, with --force,
// another container's): a file belongs to the export that wrote it last.
func (r *records) add(container, id string, items []Exported) {
	var paths []string
	for _, item := range items {
		for _, f := range item.Files {
			paths = append(paths, f.Path)
		}
	}
	for _, rec := range r.list {
		for i := range rec.Exports {
			files := &rec.Exports[i].Files
			n := len(*files)
			*files = slices.DeleteFunc(*files, func(f ExportedFile) bool { return slices.Contains(paths, f.Path) })
			if len(*files) != n {
				r.changed[rec.Container] = true
			}
		}
		rec.Exports = slices.DeleteFunc(rec.Exports, func(x Exported) bool { return len(x.Files) == 0 })
	}
	rec := r.of(container)
	rec.ID = id
	rec.Exports = append(rec.Exports, items...)
	r.changed[container] = true
}

// take removes from container's record the exports that match, removes
// their files but those that other exports still use, and returns the
// files removed and the files kept because they changed since.
func (r *records) take(container string, match func(Exported) bool) (removed, kept []string, any bool) {
	rec := r.of(container)
	var gone []Exported
	rec.Exports = slices.DeleteFunc(rec.Exports, func(x Exported) bool {
		if match(x) {
			gone = append(gone, x)
			return true
		}
		return false
	})
	if len(gone) == 0 {
		return nil, nil, false
	}
	r.changed[container] = true
	var done []string
	for _, x := range gone {
		for _, f := range x.Files {
			if slices.Contains(done, f.Path) || stillUsed(rec.Exports, f.Path) {
				continue
			}
			done = append(done, f.Path)
			switch found, ok := removeOwned(f, container); {
			case ok:
				removed = append(removed, f.Path)
			case found:
				kept = append(kept, f.Path)
			}
		}
	}
	return removed, kept, true
}

// stillUsed says whether one of exports has the file at path.
func stillUsed(exports []Exported, path string) bool {
	return slices.ContainsFunc(exports, func(x Exported) bool {
		return slices.ContainsFunc(x.Files, func(f ExportedFile) bool { return f.Path == path })
	})
}
