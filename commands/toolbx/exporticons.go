package toolbx

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/toolbx-go/toolbox/commands/toolbx/desktopentry"
)

// Icons: an entry's Icon names an icon of the theme, which applications
// install in the hicolor theme at each size (48x48/apps/NAME.png,
// scalable/apps/NAME.svg), or in a pixmaps directory; or it is a file's
// path. Each is copied under a name that says which container it is from
// (CONTAINER-NAME), so that two containers' icons of the same
// application never meet: theme icons into the user's hicolor theme at
// the same size and context, the others into the user's icons directory,
// named by their path in the entry.

// iconExts are the icon formats, in order of preference.
func iconExts() []string { return []string{".png", ".svg", ".svgz", ".xpm"} }

// iconOf is what to look for of app's icon: a name without extension or
// an absolute path in the container; "" for none, and for a path on the
// host (under /run/host or the shared home), which the host has already.
func (e *Engine) iconOf(app desktopApp) string {
	raw, _ := app.entry.Get(desktopentry.Main, "Icon")
	icon := desktopentry.Unescape(raw)
	switch {
	case icon == "":
		return ""
	case filepath.IsAbs(icon):
		if underDir(icon, "/run/host") || underDir(icon, e.Host.Home) {
			return ""
		}
		return filepath.Clean(icon)
	case strings.Contains(icon, "/"):
		return ""
	}
	for _, ext := range iconExts() {
		icon = strings.TrimSuffix(icon, ext)
	}
	return icon
}

// iconNames lists what to look for of the apps' icons.
func (e *Engine) iconNames(apps []desktopApp) []string {
	var names []string
	for _, app := range apps {
		if icon := e.iconOf(app); icon != "" && !slices.Contains(names, icon) {
			names = append(names, icon)
		}
	}
	return names
}

// planIcons picks app's icons among those found and says where each goes
// and what the entry's Icon becomes; "" keeps it as it is.
func (e *Engine) planIcons(app desktopApp, found []containerFile, container string) (string, []hostFile) {
	icon := e.iconOf(app)
	if icon == "" {
		return "", nil
	}
	base := filepath.Join(e.Host.DataHome(), "icons")
	if filepath.IsAbs(icon) {
		for _, f := range found {
			if f.path == icon {
				return single(f, base, container+"-"+strings.TrimSuffix(filepath.Base(icon), filepath.Ext(icon)))
			}
		}
		return "", nil
	}
	name := container + "-" + icon
	var themed, pixmaps []hostFile
	for _, f := range found {
		ext := filepath.Ext(f.path)
		if filepath.Base(f.path) != icon+ext {
			continue
		}
		if _, rel, ok := strings.Cut(f.path, "/icons/hicolor/"); ok {
			theme := filepath.Join(base, "hicolor")
			dest := filepath.Join(theme, filepath.Dir(rel), name+ext)
			if underDir(dest, theme) && !slices.ContainsFunc(themed, func(h hostFile) bool { return h.path == dest }) {
				themed = append(themed, hostFile{path: dest, data: f.data, mode: 0o644, role: roleIcon})
			}
		} else if strings.Contains(f.path, "/pixmaps/") {
			pixmaps = append(pixmaps, hostFile{path: f.path, data: f.data})
		}
	}
	if len(themed) > 0 {
		return name, themed
	}
	for _, ext := range iconExts() {
		for _, p := range pixmaps {
			if filepath.Ext(p.path) == ext {
				return single(containerFile{path: p.path, data: p.data}, base, name)
			}
		}
	}
	return "", nil
}

// single places one icon file f in dir as name, and names it by its path.
func single(f containerFile, dir, name string) (string, []hostFile) {
	dest := filepath.Join(dir, name+filepath.Ext(f.path))
	return dest, []hostFile{{path: dest, data: f.data, mode: 0o644, role: roleIcon}}
}

// underDir says whether path is dir or below it.
func underDir(path, dir string) bool {
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}
