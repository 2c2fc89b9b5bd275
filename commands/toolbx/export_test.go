package toolbx

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/toolbx-go/toolbox/commands/toolbx/desktopentry"
	"github.com/toolbx-go/toolbox/commands/toolbx/toolbxtest"
)

const editorEntry = `[Desktop Entry]
Type=Application
Name=Editor
Name[de]=Editor (de)
TryExec=editor
Exec=editor --new-window %U
Icon=org.example.Editor
DBusActivatable=true
Actions=private;

[Desktop Action private]
Name=Private
Exec="/opt/My Editor/editor" --private "a \\$b"
`

func parseApp(t *testing.T, id, path, data string) desktopApp {
	t.Helper()
	entry, err := desktopentry.Parse([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return desktopApp{id: id, path: path, entry: entry}
}

func TestRewriteEntry(t *testing.T) {
	app := parseApp(t, "org.example.Editor", "/usr/share/applications/org.example.Editor.desktop", editorEntry)
	data, err := rewriteEntry(app, "box", "/usr/bin/toolbox", "box-org.example.Editor")
	if err != nil {
		t.Fatal(err)
	}
	got, err := desktopentry.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	const main = desktopentry.Main
	for key, want := range map[string]string{
		"Name":                "Editor (box)",
		"Name[de]":            "Editor (de) (box)",
		"TryExec":             "/usr/bin/toolbox",
		"Exec":                "/usr/bin/toolbox run --container box editor --new-window %U",
		"Icon":                "box-org.example.Editor",
		"StartupWMClass":      "org.example.Editor",
		"X-Toolbox-Container": "box",
		"X-Toolbox-Source":    "/usr/share/applications/org.example.Editor.desktop",
	} {
		if v, _ := got.Get(main, key); v != want {
			t.Errorf("%s = %q, want %q", key, v, want)
		}
	}
	if _, ok := got.Get(main, "DBusActivatable"); ok {
		t.Error("DBusActivatable is still there")
	}
	raw, _ := got.Get(desktopentry.ActionPrefix+"private", "Exec")
	args, err := desktopentry.SplitExec(raw)
	want := []string{"/usr/bin/toolbox", "run", "--container", "box", "/opt/My Editor/editor", "--private", `a $b`}
	if err != nil || !slices.Equal(args, want) {
		t.Errorf("action's Exec %q = %q, %v; want %q", raw, args, err, want)
	}
	if markerOf(data) != "box" {
		t.Errorf("markerOf = %q", markerOf(data))
	}

	noExec := parseApp(t, "x", "/x.desktop", "[Desktop Entry]\nType=Application\nName=X\nDBusActivatable=true\n")
	if _, err := rewriteEntry(noExec, "box", "/usr/bin/toolbox", ""); err == nil {
		t.Error("an entry without Exec was rewritten")
	}
}

func TestMatchApps(t *testing.T) {
	apps := []desktopApp{
		parseApp(t, "org.gnome.TextEditor", "/usr/share/applications/org.gnome.TextEditor.desktop", "[Desktop Entry]\nExec=gnome-text-editor %U\n"),
		parseApp(t, "vim", "/usr/share/applications/vim.desktop", "[Desktop Entry]\nExec=vim %F\n"),
		parseApp(t, "gvim", "/usr/share/applications/gvim.desktop", "[Desktop Entry]\nExec=gvim -f %F\n"),
		parseApp(t, "kde-vim", "/usr/share/applications/kde/vim.desktop", "[Desktop Entry]\nExec=/usr/bin/vim %F\n"),
	}
	ids := func(found []desktopApp) []string {
		var out []string
		for _, a := range found {
			out = append(out, a.id)
		}
		return out
	}
	for asked, want := range map[string][]string{
		"vim":                  {"vim"},
		"vim.desktop":          {"vim"},
		"texteditor":           {"org.gnome.TextEditor"},
		"org.gnome.TextEditor": {"org.gnome.TextEditor"},
		"gnome-text-editor":    {"org.gnome.TextEditor"},
		"gvim":                 {"gvim"},
		"/usr/share/applications/kde/vim.desktop": {"kde-vim"},
		"emacs": nil,
	} {
		if got := ids(matchApps(apps, asked)); !slices.Equal(got, want) {
			t.Errorf("matchApps(%q) = %q, want %q", asked, got, want)
		}
	}
	if got := desktopID("/usr/local/share/applications/kde/konsole.desktop"); got != "kde-konsole" {
		t.Errorf("desktopID = %q", got)
	}
}

func TestPlanIcons(t *testing.T) {
	h := toolbxtest.NewHost(t, toolbxtest.Fedora39, nil)
	e := &Engine{Host: h}
	icons := filepath.Join(h.Home, ".local", "share", "icons")
	found := []containerFile{
		{path: "/usr/local/share/icons/hicolor/48x48/apps/ed.png", data: []byte("local 48")},
		{path: "/usr/share/icons/hicolor/48x48/apps/ed.png", data: []byte("48")},
		{path: "/usr/share/icons/hicolor/scalable/apps/ed.svg", data: []byte("svg")},
		{path: "/usr/share/pixmaps/ed.xpm", data: []byte("xpm")},
		{path: "/usr/share/pixmaps/other.xpm", data: []byte("xpm")},
		{path: "/usr/share/pixmaps/other.png", data: []byte("png")},
		{path: "/opt/ed/logo.png", data: []byte("logo")},
		{path: "/usr/share/icons/hicolor/../../../../../.ssh/ed.png", data: []byte("out of the theme")},
	}
	for _, tc := range []struct {
		icon, want string
		files      map[string]string
	}{
		{"ed", "box-ed", map[string]string{
			filepath.Join(icons, "hicolor/48x48/apps/box-ed.png"):    "local 48",
			filepath.Join(icons, "hicolor/scalable/apps/box-ed.svg"): "svg",
		}},
		{"ed.png", "box-ed", nil}, // same files as "ed"
		{"other", filepath.Join(icons, "box-other.png"), map[string]string{filepath.Join(icons, "box-other.png"): "png"}},
		{"/opt/ed/logo.png", filepath.Join(icons, "box-logo.png"), map[string]string{filepath.Join(icons, "box-logo.png"): "logo"}},
		{"missing", "", map[string]string{}},
		{filepath.Join(h.Home, "mine.png"), "", map[string]string{}},
	} {
		app := parseApp(t, "ed", "/x.desktop", "[Desktop Entry]\nIcon="+tc.icon+"\n")
		icon, files := e.planIcons(app, found, "box")
		if icon != tc.want {
			t.Errorf("%s: Icon = %q, want %q", tc.icon, icon, tc.want)
		}
		if tc.files == nil {
			continue
		}
		got := map[string]string{}
		for _, f := range files {
			got[f.path] = string(f.data)
		}
		if len(got) != len(tc.files) {
			t.Errorf("%s: files %v, want %v", tc.icon, got, tc.files)
		}
		for path, data := range tc.files {
			if got[path] != data {
				t.Errorf("%s: %s = %q, want %q", tc.icon, path, got[path], data)
			}
		}
	}
}

func TestParseFiles(t *testing.T) {
	files, err := parseFiles([]byte("3 /a b\nabc   0 /empty\n2 /c\n\x00\n"))
	if err != nil || len(files) != 3 || files[0].path != "/a b" || string(files[0].data) != "abc" ||
		files[1].path != "/empty" || string(files[2].data) != "\x00\n" {
		t.Errorf("parseFiles = %q, %v", files, err)
	}
	for _, bad := range []string{"9 /short\nabc", "x /a\n", "no header"} {
		if _, err := parseFiles([]byte(bad)); err == nil {
			t.Errorf("parseFiles(%q) succeeded", bad)
		}
	}
}

// TestRecords writes exports of two containers, and removes them as
// --delete and rm do: only what is still theirs.
func TestRecords(t *testing.T) {
	h := toolbxtest.NewHost(t, toolbxtest.Fedora39, nil)
	e := &Engine{Host: h}
	dir := t.TempDir()
	desktop := hostFile{path: filepath.Join(dir, "a.desktop"), data: []byte("[Desktop Entry]\nX-Toolbox-Container=one\n"), mode: 0o644, role: roleDesktop}
	icon := hostFile{path: filepath.Join(dir, "icons", "a.png"), data: []byte("png"), mode: 0o644, role: roleIcon}
	item := Exported{Kind: ExportApp, Name: "a", Files: recordOf([]hostFile{desktop, icon})}
	req := ExportRequest{Container: "one"}
	if err := e.writeExports(context.Background(), req, "id1", []Exported{item}, []hostFile{desktop, icon}); err != nil {
		t.Fatal(err)
	}
	// Exported again: its own files are no obstacle.
	if err := e.writeExports(context.Background(), req, "id1", []Exported{item}, []hostFile{desktop, icon}); err != nil {
		t.Fatalf("export again: %v", err)
	}
	// Another container's export of the same files needs --force.
	var xe *ExportError
	other := ExportRequest{Container: "two"}
	err := e.writeExports(context.Background(), other, "id2", []Exported{item}, []hostFile{icon})
	if !asExportError(err, &xe) || xe.Kind != FileTaken || xe.Owner != "one" {
		t.Fatalf("export by another container: %v", err)
	}
	// The user changed the icon: rm keeps it.
	toolbxtest.WriteFile(t, icon.path, "the user's")
	e.UI = &recordingUI{}
	e.unexportRemoved(context.Background(), "id1", "")
	notes := e.UI.(*recordingUI).notices
	want := ExportsRemoved{Container: "one", Removed: []string{desktop.path}, Kept: []string{icon.path}}
	if len(notes) != 1 || !slices.Equal(notes[0].(ExportsRemoved).Removed, want.Removed) || !slices.Equal(notes[0].(ExportsRemoved).Kept, want.Kept) {
		t.Errorf("notices %v, want %v", notes, want)
	}
	if _, err := os.Stat(desktop.path); err == nil {
		t.Error("the desktop file is still there")
	}
	if data, _ := os.ReadFile(icon.path); string(data) != "the user's" {
		t.Errorf("the user's icon is %q", data)
	}
	if list, _ := e.ListExports(""); len(list) != 0 {
		t.Errorf("records left: %v", list)
	}
}

func asExportError(err error, target **ExportError) bool {
	x, ok := err.(*ExportError)
	*target = x
	return ok
}

type recordingUI struct{ notices []Notice }

func (u *recordingUI) Notify(n Notice) { u.notices = append(u.notices, n) }
func (u *recordingUI) ConfirmPull(context.Context, string, func() string) (bool, error) {
	return false, nil
}

// TestWrapperScript runs a wrapper on this host, where it is not in the
// container: it runs toolbox (a script that prints its arguments) with
// the caller's arguments, and passes its status on.
func TestWrapperScript(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	toolbox := filepath.Join(dir, "my toolbox")
	toolboxtest := "#!/bin/sh\nprintf '<%s>' \"$@\"\nexit 3\n"
	if err := os.WriteFile(toolbox, []byte(toolboxtest), 0o755); err != nil {
		t.Fatal(err)
	}
	wrapper := filepath.Join(dir, "prog")
	if err := os.WriteFile(wrapper, wrapperScript("box", "/usr/bin/it's", toolbox), 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(sh, wrapper, "a b", "", "-c").Output()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	if want := "<run><--container><box></usr/bin/it's><a b><><-c>"; string(out) != want || code != 3 {
		t.Errorf("wrapper printed %q and exited %d (%v); want %q and 3", out, code, err, want)
	}
	if markerOf(wrapperScript("box", "/p", "/t")) != "box" {
		t.Error("no marker in the wrapper")
	}
	if !strings.HasPrefix(string(wrapperScript("box", "/p", "/t")), "#!/bin/sh\n") {
		t.Error("no #! line")
	}
}
