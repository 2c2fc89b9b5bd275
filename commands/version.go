package commands

// Version is stamped at build time by meson (-X).
var Version = "0.3.0"
