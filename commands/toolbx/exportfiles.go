package toolbx

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/toolbx-go/toolbox/commands/host"
)

// hostFile is a file that export writes on the host.
type hostFile struct {
	path string
	data []byte
	mode os.FileMode
	role string
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// recordOf is what the record says of files.
func recordOf(files []hostFile) []ExportedFile {
	var rec []ExportedFile
	for _, f := range files {
		rec = append(rec, ExportedFile{Path: f.path, Role: f.role, SHA256: sha256Hex(f.data)})
	}
	return rec
}

// markerOf is the container that the marker in data names, "" when there
// is none: a line X-Toolbox-Container=NAME, or that line as a comment.
func markerOf(data []byte) string {
	if len(data) > 64<<10 {
		data = data[:64<<10]
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		l := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(string(line)), "#"))
		if name, ok := strings.CutPrefix(l, markerKey+"="); ok {
			return strings.TrimSpace(name)
		}
	}
	return ""
}

// owner is the container whose export the file at path, with data, is;
// "" when it is the user's. Icons carry no marker: one is a container's
// when the record has its path with this content.
func (r *records) owner(path, role string, data []byte) string {
	if role != roleIcon {
		return markerOf(data)
	}
	sum := sha256Hex(data)
	for _, rec := range r.list {
		for _, item := range rec.Exports {
			for _, f := range item.Files {
				if f.Path == path && f.SHA256 == sum {
					return rec.Container
				}
			}
		}
	}
	return ""
}

// writeExports writes files, exported from container req.Container, and
// records items. A file already there is replaced only when it is that
// container's export, or with Force; otherwise nothing is written.
func (e *Engine) writeExports(ctx context.Context, req ExportRequest, id string, items []Exported, files []hostFile) error {
	err := e.withRecords(true, func(r *records) error {
		for _, f := range files {
			if err := r.checkFree(f, req.Container, req.Force); err != nil {
				return err
			}
		}
		if err := writeAll(files); err != nil {
			return err
		}
		r.add(req.Container, id, items)
		return nil
	})
	var exportErr *ExportError
	if errors.As(err, &exportErr) {
		exportErr.Container = req.Container
	}
	slog.DebugContext(ctx, "Exported", "container", req.Container, "files", len(files), "err", err)
	return err
}

// checkFree says whether f may be written for container.
func (r *records) checkFree(f hostFile, container string, force bool) error {
	data, err := os.ReadFile(f.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return &ExportError{Kind: TargetUnwritable, Path: f.path, Err: err}
	}
	if owner := r.owner(f.path, f.role, data); owner != container && !force {
		return &ExportError{Kind: FileTaken, Path: f.path, Owner: owner}
	}
	return nil
}

// writeAll writes every file or none: each to a temporary file next to
// it first, then all in place.
func writeAll(files []hostFile) error {
	var temps []string
	defer func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}()
	for _, f := range files {
		t, err := writeTemp(f)
		if err != nil {
			return &ExportError{Kind: TargetUnwritable, Path: f.path, Err: err}
		}
		temps = append(temps, t)
	}
	for i, f := range files {
		if err := os.Rename(temps[i], f.path); err != nil {
			return &ExportError{Kind: TargetUnwritable, Path: f.path, Err: err}
		}
		temps[i] = ""
	}
	return nil
}

// writeTemp writes f's content to a new file in f's directory.
func writeTemp(f hostFile) (string, error) {
	dir := filepath.Dir(f.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	t, err := os.CreateTemp(dir, "."+filepath.Base(f.path)+"-*")
	if err != nil {
		return "", err
	}
	_, err = t.Write(f.data)
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(t.Name(), f.mode)
	}
	if err != nil {
		os.Remove(t.Name())
		return "", err
	}
	return t.Name(), nil
}

// removeOwned removes the file f of container's export, unless it is no
// longer that export (the user changed or replaced it). It says whether
// there was a file, and whether it was removed.
func removeOwned(f ExportedFile, container string) (found, removed bool) {
	data, err := os.ReadFile(f.Path)
	if err != nil {
		return !errors.Is(err, fs.ErrNotExist), false
	}
	mine := sha256Hex(data) == f.SHA256
	if f.Role != roleIcon {
		mine = markerOf(data) == container
	}
	return true, mine && os.Remove(f.Path) == nil
}

// refreshDesktopDatabase runs update-desktop-database on the user's
// applications when the host has it, for the MIME types of the entries,
// and marks the user's hicolor theme changed, as xdg-icon-resource does,
// so that icon caches look again.
func (e *Engine) refreshDesktopDatabase(ctx context.Context) {
	now := time.Now()
	_ = os.Chtimes(filepath.Join(e.Host.DataHome(), "icons", "hicolor"), now, now)
	if !e.Host.HasTool("update-desktop-database") {
		return
	}
	code, err := host.Run(ctx, "update-desktop-database", []string{"-q", e.appsDir()}, host.Stdio{})
	if err != nil || code != 0 {
		slog.DebugContext(ctx, "update-desktop-database failed", "code", code, "err", err)
	}
}
