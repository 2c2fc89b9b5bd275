package toolbx

import (
	"os"
	"path/filepath"
	"strings"
)

// EnvError is a run or enter --env value whose name is not a variable
// name.
type EnvError struct{ Value string }

func (e *EnvError) Error() string { return "bad variable name in " + e.Value }

// ResolveEnv turns run and enter's --env values into NAME=VALUE: NAME=VALUE
// as it is, NAME alone with the host's value, or nothing when the host has
// none (as podman does). Names are a letter or an underscore, then
// letters, digits and underscores.
func (e *Engine) ResolveEnv(values []string) ([]string, error) {
	var env []string
	for _, v := range values {
		name, _, hasValue := strings.Cut(v, "=")
		if !isVariableName(name) {
			return nil, &EnvError{Value: v}
		}
		if hasValue {
			env = append(env, v)
		} else if value, ok := e.Host.LookupEnv(name); ok {
			env = append(env, name+"="+value)
		}
	}
	return env, nil
}

func isVariableName(name string) bool {
	for i, r := range name {
		letter := r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return name != ""
}

// ExecSettings checks run's and enter's --workdir and --env and returns
// them as ExecRequest takes them (see Workdir and ResolveEnv).
func (e *Engine) ExecSettings(workdir string, env []string) (string, []string, error) {
	dir, err := e.Workdir(workdir)
	if err != nil {
		return "", nil, err
	}
	if e.Host.CwdErr != nil {
		// Rootless podman cannot start from a directory that is gone.
		_ = os.Chdir(e.Host.Root)
	}
	resolved, err := e.ResolveEnv(env)
	return dir, resolved, err
}

// Workdir is where run and enter run their command for --workdir dir:
// dir, relative to the current directory when it is not absolute; "" for
// no --workdir. Without an absolute dir a current directory that is gone
// is an error, as it is without --workdir.
func (e *Engine) Workdir(dir string) (string, error) {
	switch {
	case filepath.IsAbs(dir):
		return filepath.Clean(dir), nil
	case e.Host.CwdErr != nil:
		return "", e.Host.CwdErr
	case dir == "":
		return "", nil
	}
	return filepath.Join(e.Host.Cwd, dir), nil
}
