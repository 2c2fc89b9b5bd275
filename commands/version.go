package commands

// Version is stamped at build time by meson (-X).
var Version = "0.1"

// InstalledProfile is where meson installed profile.d/toolbox.sh (-X), for
// installs whose prefix puts it outside /etc/profile.d and
// /usr/share/profile.d; empty for a plain go build.
var InstalledProfile = ""
