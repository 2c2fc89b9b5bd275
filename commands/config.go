package commands

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/BurntSushi/toml"
	"github.com/alecthomas/kong"
)

// Config is toolbox.conf(5): the [general] section.
type Config struct {
	Distro  string `toml:"distro"`
	Release string `toml:"release"`
	Image   string `toml:"image"`
}

// LoadConfig merges /etc/containers/toolbox.conf and the user's
// $XDG_CONFIG_HOME/containers/toolbox.conf, the latter winning.
func LoadConfig(h *Host) (Config, error) {
	var cfg Config
	paths := []string{
		h.path("/etc/containers/toolbox.conf"),
		filepath.Join(h.ConfigDir(), "containers", "toolbox.conf"),
	}
	for _, p := range paths {
		var file struct {
			General Config `toml:"general"`
		}
		_, err := toml.DecodeFile(p, &file)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return Config{}, fmt.Errorf("failed to parse file %s", p)
		}
		if g := file.General; g.Distro != "" {
			cfg.Distro = g.Distro
		}
		if g := file.General; g.Release != "" {
			cfg.Release = g.Release
		}
		if g := file.General; g.Image != "" {
			cfg.Image = g.Image
		}
	}
	return cfg, nil
}

// CheckConfig reads toolbox.conf before list, rm and rmi, as Toolbx's
// pre-run does before every command: a file that does not parse, or that
// names an unsupported distro or a bad release, stops them with the error
// create, enter and run give when they read it.
func CheckConfig(kctx *kong.Context, h *Host) error {
	switch selectedCommand(kctx) {
	case "list", "rm", "rmi":
	default:
		return nil
	}
	cfg, err := LoadConfig(h)
	if err != nil {
		return err
	}
	_, err = resolve(h, cfg, "", "", "", "")
	return err
}
