package commands

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Config is toolbox.conf(5): the [general] section.
type Config struct {
	Distro, Release, Image string
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
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		var file map[string]any
		if err == nil {
			err = toml.Unmarshal(data, &file)
		}
		if err != nil {
			return Config{}, fmt.Errorf("failed to parse file %s", p)
		}
		general, _ := configKey(file, "general").(map[string]any)
		for key, field := range map[string]*string{"distro": &cfg.Distro, "release": &cfg.Release, "image": &cfg.Image} {
			if v := configString(configKey(general, key)); v != "" {
				*field = v
			}
		}
	}
	return cfg, nil
}

// configKey returns the value of key in table. Toolbx reads the file with
// viper, whose keys are case-insensitive.
func configKey(table map[string]any, key string) any {
	for k, v := range table {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}

// configString reads a value as viper's GetString does: numbers and
// booleans as they are written (release = 39 is "39"), anything else as
// unset.
func configString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

// CheckConfig reads toolbox.conf before list, rm and rmi, as Toolbx's
// pre-run does before every command: a file that does not parse, or that
// names an unsupported distro or a bad release, stops them with the error
// create, enter and run give when they read it.
func CheckConfig(p *Parsed, h *Host) error {
	switch p.Command {
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
