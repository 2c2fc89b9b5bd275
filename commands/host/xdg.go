package host

import "path/filepath"

// DataHome is $XDG_DATA_HOME, or ~/.local/share: where the user's
// desktop entries, icons and toolbox's record of exports go.
func (h *Host) DataHome() string {
	if d := h.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return d
	}
	return filepath.Join(h.Home, ".local", "share")
}

// BinHome is ~/.local/bin, where the XDG Base Directory Specification
// puts the user's executables.
func (h *Host) BinHome() string { return filepath.Join(h.Home, ".local", "bin") }
