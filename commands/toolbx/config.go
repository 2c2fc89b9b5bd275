package toolbx

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
	// AutoStop is auto_stop, a boolean: whether create makes containers
	// that stop once their last session ends.
	AutoStop string
}

// ConfigError is a toolbox.conf that does not parse.
type ConfigError struct {
	Path string
	Err  error
}

func (e *ConfigError) Error() string { return "parse " + e.Path + ": " + e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// LoadConfig merges /etc/containers/toolbox.conf and the user's
// $XDG_CONFIG_HOME/containers/toolbox.conf, the latter winning.
func (e *Engine) LoadConfig() (Config, error) {
	var cfg Config
	paths := []string{
		e.Host.Path("/etc/containers/toolbox.conf"),
		filepath.Join(e.Host.ConfigDir(), "containers", "toolbox.conf"),
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err == nil {
			err = cfg.merge(data)
		}
		if err != nil {
			return Config{}, &ConfigError{Path: p, Err: err}
		}
	}
	return cfg, nil
}

// ParseConfig reads one toolbox.conf.
func ParseConfig(data []byte) (Config, error) {
	var cfg Config
	return cfg, cfg.merge(data)
}

// merge sets what the file data sets.
func (cfg *Config) merge(data []byte) error {
	var file map[string]any
	if err := toml.Unmarshal(data, &file); err != nil {
		return err
	}
	general, _ := configKey(file, "general").(map[string]any)
	for key, field := range map[string]*string{"distro": &cfg.Distro, "release": &cfg.Release, "image": &cfg.Image, "auto_stop": &cfg.AutoStop} {
		if v := configString(configKey(general, key)); v != "" {
			*field = v
		}
	}
	if cfg.AutoStop != "" {
		if _, err := strconv.ParseBool(cfg.AutoStop); err != nil {
			return fmt.Errorf("auto_stop: %w", err)
		}
	}
	return nil
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

// CheckConfig reads toolbox.conf as Toolbx's pre-run does before every
// command: a file that does not parse, or that names an unsupported
// distro or a bad release, stops the command with the error create,
// enter and run give when they read it.
func (e *Engine) CheckConfig() error {
	_, err := e.Select(SelectRequest{})
	return err
}
