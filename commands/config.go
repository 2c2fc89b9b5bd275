package commands

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/BurntSushi/toml"
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
