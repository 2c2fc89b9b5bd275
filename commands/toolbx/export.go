package toolbx

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/toolbx-go/toolbox/podman"
)

// Export puts a container's applications in the host's menu and its
// programs on the host's PATH: desktop entries whose Exec runs the
// program through `toolbox run` in that container, their icons, and
// wrapper scripts. Every file written carries a marker naming the
// container (X-Toolbox-Container=NAME; icons, which cannot, are known by
// their content), and the record of what went where is kept below the
// user's data directory (exportrecord.go), so that --list, --delete and
// `toolbox rm` find every file, --to targets included, and never touch
// one the user wrote.

// ExportRequest is what `toolbox export` is asked for.
type ExportRequest struct {
	Container string
	App       string // a desktop file ID, a program name or a desktop file's path
	Bin       string // a program's path or name in the container
	To        string // the directory for Bin's wrapper; "" is ~/.local/bin
	Force     bool   // replace a file of the same name that is not this container's export
}

// ExportKind is what was exported.
type ExportKind string

// The kinds of Exported.
const (
	ExportApp ExportKind = "app"
	ExportBin ExportKind = "bin"
)

// Exported is one thing exported from a container: one desktop entry and
// its icons, or one program's wrapper.
type Exported struct {
	Kind ExportKind `json:"kind"`
	// Name is the desktop file ID ("htop") or the program's path in the
	// container ("/usr/bin/htop"); Asked is what the user gave.
	Name   string         `json:"name"`
	Asked  string         `json:"asked"`
	Source string         `json:"source"` // the desktop file in the container
	Files  []ExportedFile `json:"files"`
}

// ExportedFile is a file that toolbox wrote on the host.
type ExportedFile struct {
	Path   string `json:"path"`
	Role   string `json:"role"` // desktop, icon, wrapper
	SHA256 string `json:"sha256"`
}

// File roles.
const (
	roleDesktop = "desktop"
	roleIcon    = "icon"
	roleWrapper = "wrapper"
)

// ExportErrorKind says what kept an export from happening.
type ExportErrorKind int

// The kinds of ExportError.
const (
	AppNotFound      ExportErrorKind = iota // no such desktop entry in the container
	ProgramNotFound                         // no such executable in the container
	NoExec                                  // the desktop entry has no Exec line
	FileTaken                               // Path exists and is not this container's export
	TargetUnwritable                        // Path cannot be written
	NotExported                             // --delete found nothing
	ReadFailed                              // the container's files could not be read
	RecordFailed                            // the record of exports could not be read or written
)

// ExportError is an export or a deletion that did not happen; nothing was
// written.
type ExportError struct {
	Kind      ExportErrorKind
	Container string
	Name      string // the app or program
	Path      string // FileTaken, TargetUnwritable, RecordFailed
	Owner     string // FileTaken: the container whose export it is, "" for the user's
	Err       error
}

func (e *ExportError) Error() string {
	return fmt.Sprintf("export kind %d of %s from %s (%s): %v", e.Kind, e.Name, e.Container, e.Path, e.Err)
}
func (e *ExportError) Unwrap() error { return e.Err }

// ExportsRemoved tells which files exported from a removed container were
// removed, and which were kept because they changed since; Err, that the
// record of exports could not be read or written.
type ExportsRemoved struct {
	Container     string
	Removed, Kept []string
	Err           error
}

func (ExportsRemoved) notice() {}

// exportSource checks that name is a Toolbx container and gets it ready
// to be read; it returns its ID.
func (e *Engine) exportSource(ctx context.Context, name string) (string, error) {
	ctr, err := e.Podman.InspectContainer(ctx, name)
	switch {
	case isNotFound(err):
		return "", &NotFound{Container: name}
	case err != nil:
		slog.DebugContext(ctx, "Inspecting the container failed", "container", name, "err", err)
		return "", failed(InspectContainer, name, err)
	case !podman.IsToolbx(ctr.Labels):
		return "", &NotToolbx{Name: name}
	}
	if e.Host.ExecutableErr != nil {
		return "", e.Host.ExecutableErr
	}
	return e.Ready(ctx, name)
}
