package toolbx

import (
	"context"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"

	"github.com/toolbx-go/toolbox/commands/toolbx/desktopentry"
)

// markerKey names the container in every file export writes.
const markerKey = "X-Toolbox-Container"

// desktopApp is an application's desktop entry in a container.
type desktopApp struct {
	id    string // the desktop file ID, without ".desktop"
	path  string
	entry *desktopentry.Entry
}

// ExportApp exports the desktop entries that req.App names, with their
// icons, and returns what it wrote.
func (e *Engine) ExportApp(ctx context.Context, req ExportRequest) ([]Exported, error) {
	id, err := e.exportSource(ctx, req.Container)
	if err != nil {
		return nil, err
	}
	found, err := e.readFiles(ctx, req.Container, desktopFilesScript)
	if err != nil {
		return nil, err
	}
	apps := matchApps(desktopApps(ctx, found), req.App)
	if len(apps) == 0 {
		return nil, &ExportError{Kind: AppNotFound, Container: req.Container, Name: req.App}
	}
	var icons []containerFile
	if names := e.iconNames(apps); len(names) > 0 {
		if icons, err = e.readFiles(ctx, req.Container, iconFilesScript, names...); err != nil {
			return nil, err
		}
	}
	var items []Exported
	var files []hostFile
	for _, app := range apps {
		icon, iconFiles := e.planIcons(app, icons, req.Container)
		data, err := rewriteEntry(app, req.Container, e.Host.Executable, icon)
		if err != nil {
			return nil, &ExportError{Kind: NoExec, Container: req.Container, Name: app.id, Path: app.path, Err: err}
		}
		desktop := hostFile{path: filepath.Join(e.appsDir(), req.Container+"-"+app.id+".desktop"), data: data, mode: 0o644, role: roleDesktop}
		mine := append([]hostFile{desktop}, iconFiles...)
		items = append(items, Exported{Kind: ExportApp, Name: app.id, Asked: req.App, Source: app.path, Files: recordOf(mine)})
		for _, f := range mine {
			if !slices.ContainsFunc(files, func(g hostFile) bool { return g.path == f.path }) {
				files = append(files, f)
			}
		}
	}
	if err := e.writeExports(ctx, req, id, items, files); err != nil {
		return nil, err
	}
	e.refreshDesktopDatabase(ctx)
	return items, nil
}

// appsDir is where the user's desktop entries go.
func (e *Engine) appsDir() string { return filepath.Join(e.Host.DataHome(), "applications") }

// desktopApps parses the desktop entries found, keeping the first of each
// ID (the data directories come in their order of precedence), and only
// applications that are not Hidden (deleted).
func desktopApps(ctx context.Context, files []containerFile) []desktopApp {
	var apps []desktopApp
	seen := map[string]bool{}
	for _, f := range files {
		id := desktopID(f.path)
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		entry, err := desktopentry.Parse(f.data)
		if err != nil {
			slog.DebugContext(ctx, "Skipping a desktop entry that does not parse", "file", f.path, "err", err)
			continue
		}
		typ, _ := entry.Get(desktopentry.Main, "Type")
		hidden, _ := entry.Get(desktopentry.Main, "Hidden")
		if typ == "Application" && hidden != "true" {
			apps = append(apps, desktopApp{id: id, path: f.path, entry: entry})
		}
	}
	return apps
}

// desktopID is the ID of the desktop file at path: its path below an
// applications directory, "/" made "-", without ".desktop".
func desktopID(path string) string {
	i := strings.LastIndex(path, "/applications/")
	if i < 0 || !strings.HasSuffix(path, ".desktop") {
		return ""
	}
	return strings.TrimSuffix(strings.ReplaceAll(path[i+len("/applications/"):], "/", "-"), ".desktop")
}

// matchApps finds the applications that asked names, trying in turn: the
// desktop file's path, its ID ("org.gnome.TextEditor", with or without
// ".desktop"), the last part of its ID in any case ("texteditor"), and
// the name of the program its Exec line starts. The first way that finds
// any gives all it finds: a package may have several entries.
func matchApps(apps []desktopApp, asked string) []desktopApp {
	id := strings.TrimSuffix(asked, ".desktop")
	ways := []func(desktopApp) bool{
		func(a desktopApp) bool { return a.path == asked },
		func(a desktopApp) bool { return a.id == id },
		func(a desktopApp) bool { return strings.EqualFold(a.id[strings.LastIndex(a.id, ".")+1:], id) },
		func(a desktopApp) bool {
			raw, _ := a.entry.Get(desktopentry.Main, "Exec")
			args, err := desktopentry.SplitExec(raw)
			return err == nil && filepath.Base(args[0]) == asked
		},
	}
	for _, matches := range ways {
		var found []desktopApp
		for _, a := range apps {
			if matches(a) {
				found = append(found, a)
			}
		}
		if len(found) > 0 {
			return found
		}
	}
	return nil
}

// rewriteEntry makes the host's desktop entry of app: every Exec (the
// entry's and its actions') runs the program through `toolbox run` in
// container with its field codes, TryExec is toolbox itself, the names
// say which container, DBusActivatable goes (the host's session bus
// cannot start the container's service), StartupWMClass keeps the
// windows of a graphical application matched to the entry under its new
// name, and the marker names the container.
func rewriteEntry(app desktopApp, container, toolbox, icon string) ([]byte, error) {
	const main = desktopentry.Main
	entry := app.entry
	for _, group := range entry.Groups() {
		raw, ok := entry.Get(group, "Exec")
		if group != main && (!strings.HasPrefix(group, desktopentry.ActionPrefix) || !ok) {
			continue
		}
		if !ok {
			return nil, errNoExecLine
		}
		args, err := desktopentry.SplitExec(raw)
		if err != nil {
			return nil, err
		}
		entry.Set(group, "Exec", desktopentry.JoinExec(append([]string{toolbox, "run", "--container", container}, args...)))
	}
	if _, ok := entry.Get(main, "TryExec"); ok {
		entry.Set(main, "TryExec", desktopentry.Escape(toolbox))
	}
	entry.Delete(main, "DBusActivatable")
	for _, key := range entry.Keys(main, "Name") {
		name, _ := entry.Get(main, key)
		entry.Set(main, key, name+" ("+container+")")
	}
	if icon != "" {
		entry.Set(main, "Icon", desktopentry.Escape(icon))
	}
	_, hasClass := entry.Get(main, "StartupWMClass")
	if terminal, _ := entry.Get(main, "Terminal"); !hasClass && terminal != "true" {
		entry.Set(main, "StartupWMClass", app.id)
	}
	entry.Set(main, markerKey, container)
	entry.Set(main, "X-Toolbox-Source", desktopentry.Escape(app.path))
	return entry.Bytes(), nil
}

const errNoExecLine = constError("no Exec line")
