package commands

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"text/tabwriter"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// Export is `toolbox export`, beyond Toolbx: a container's applications
// in the host's menu, its programs on the host's PATH.
type Export struct {
	App       string `placeholder:"APP" help:"Export an application to the host's menu: its desktop file ID, its program's name or its desktop file's path in the container."`
	Bin       string `placeholder:"PROGRAM" help:"Export a program to the host's PATH: its path or its name in the container."`
	Container string `short:"c" placeholder:"CONTAINER" help:"Export from the Toolbx container with the given name."`
	Delete    bool   `help:"Remove what --app or --bin exported instead."`
	Distro    string `short:"d" placeholder:"DISTRO" help:"Export from a Toolbx container for a different operating system distribution than the host."`
	Force     bool   `short:"f" help:"Replace a file of the same name that is not an export of this container."`
	List      bool   `help:"List what was exported: from every container, unless one is selected."`
	Release   string `short:"r" placeholder:"RELEASE" help:"Export from a Toolbx container for a different operating system release than the host."`
	To        string `placeholder:"DIR" help:"Put the program's wrapper in DIR instead of ~/.local/bin (with --bin)."`
}

func (*Export) needs() needs { return needs{onHost: true, podman: true} }

// Run implements the command.
func (c *Export) Run(ctx context.Context, e *toolbx.Engine, stdio *IO) error {
	if err := c.check(); err != nil {
		return err
	}
	if c.List && c.Container == "" && c.Distro == "" && c.Release == "" {
		return listExports(stdio, e, "")
	}
	sel, err := e.Select(toolbx.SelectRequest{Name: c.Container, NameArg: "--container", Distro: c.Distro, Release: c.Release})
	if err != nil {
		return err
	}
	err = c.run(ctx, e, stdio, toolbx.ExportRequest{Container: sel.Container, App: c.App, Bin: c.Bin, To: c.To, Force: c.Force})
	if nf := (*toolbx.NotFound)(nil); errors.As(err, &nf) {
		return UsageErrorf("container %s not found\nUse the 'create' command to create a Toolbx.", nf.Container)
	}
	return err
}

// run does what the options ask of the selected container.
func (c *Export) run(ctx context.Context, e *toolbx.Engine, stdio *IO, req toolbx.ExportRequest) error {
	switch {
	case c.List:
		return listExports(stdio, e, req.Container)
	case c.Delete:
		done, err := e.DeleteExport(ctx, req)
		reportUnexported(stdio, req.Container, done.Removed, done.Kept)
		return err
	case c.App != "":
		items, err := e.ExportApp(ctx, req)
		for _, item := range items {
			reportExported(stdio, req.Container, item)
		}
		return err
	}
	item, err := e.ExportBin(ctx, req)
	if err != nil {
		return err
	}
	reportExported(stdio, req.Container, item)
	if dir := filepath.Dir(item.Files[0].Path); !e.OnPath(dir) {
		fmt.Fprintf(stdio.Err, "Warning: %s is not in PATH\nAdd it to PATH to run %s by its name.\n", dir, filepath.Base(item.Name))
	}
	return nil
}

// check refuses options that do not go together.
func (c *Export) check() error {
	switch modes := flagsOn(c.App != "", "--app", c.Bin != "", "--bin", c.List, "--list"); {
	case len(modes) == 0 && c.Delete:
		return UsageErrorf("option --delete needs --app or --bin")
	case len(modes) == 0:
		return UsageErrorf("one of the options --app, --bin and --list is needed")
	case len(modes) > 1:
		return UsageErrorf("options %s and %s cannot be used together", modes[0], modes[1])
	}
	if other := flagsOn(c.Delete, "--delete", c.Force, "--force", c.To != "", "--to"); c.List && len(other) > 0 {
		return UsageErrorf("options --list and %s cannot be used together", other[0])
	}
	if c.To != "" && c.Bin == "" {
		return UsageErrorf("option --to needs --bin")
	}
	if c.Delete && c.Force {
		return UsageErrorf("options --delete and --force cannot be used together")
	}
	return nil
}

// flagsOn takes pairs of a condition and a flag's name, and returns the
// names whose condition holds.
func flagsOn(pairs ...any) []string {
	var on []string
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i].(bool) {
			on = append(on, pairs[i+1].(string))
		}
	}
	return on
}

// reportExported says what was written for item.
func reportExported(stdio *IO, container string, item toolbx.Exported) {
	fmt.Fprintf(stdio.Out, "Exported %s from container %s:\n", item.Name, container)
	for _, f := range item.Files {
		fmt.Fprintf(stdio.Out, "  %s\n", f.Path)
	}
}

// reportUnexported says what was removed, and what was kept because it
// changed since it was exported.
func reportUnexported(stdio *IO, container string, removed, kept []string) {
	if len(removed) > 0 {
		fmt.Fprintf(stdio.Out, "Removed what was exported from container %s:\n", container)
	}
	for _, path := range removed {
		fmt.Fprintf(stdio.Out, "  %s\n", path)
	}
	for _, path := range kept {
		fmt.Fprintf(stdio.Err, "Warning: kept %s: it changed since it was exported from container %s\n", path, container)
	}
}

// reportExportsRemoved says what `toolbox rm` removed of what was
// exported from the container.
func reportExportsRemoved(stdio *IO, n toolbx.ExportsRemoved) {
	if n.Err != nil {
		fmt.Fprintf(stdio.Err, "Warning: failed to remove what was exported from container %s: %v\n", n.Container, Word(n.Err))
	}
	reportUnexported(stdio, n.Container, n.Removed, n.Kept)
}

// listExports prints what was exported from container, or from all.
func listExports(stdio *IO, e *toolbx.Engine, container string) error {
	records, err := e.ListExports(container)
	if err != nil || len(records) == 0 {
		return err
	}
	w := tabwriter.NewWriter(stdio.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "CONTAINER\tKIND\tNAME\tFILE")
	for _, rec := range records {
		for _, item := range rec.Exports {
			if len(item.Files) > 0 {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", rec.Container, item.Kind, item.Name, item.Files[0].Path)
			}
		}
	}
	return w.Flush()
}

// exportNames completes --app and --bin: with --delete, what was exported
// from the container selected on the line; otherwise what it has.
func exportNames(kind toolbx.ExportKind) func(context.Context, completionQuery) ([]string, error) {
	return func(ctx context.Context, q completionQuery) ([]string, error) {
		sel, err := q.e.Select(toolbx.SelectRequest{
			Name: q.given["--container"], NameArg: "--container", Distro: q.given["--distro"], Release: q.given["--release"],
		})
		if err != nil {
			return nil, err
		}
		if q.flags["--delete"] {
			return q.e.ExportedNames(sel.Container, kind)
		}
		return q.e.ExportCandidates(ctx, sel.Container, kind)
	}
}
