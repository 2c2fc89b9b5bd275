// Package host is what toolbox knows of the machine and the user it runs
// for: the user's account, ids and directories, the environment, the
// host's distribution and runtime directory, and the one place that runs
// a program other than podman. It imports nothing of toolbox's.
package host

import (
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// Host is resolved once in main and handed to the commands.
type Host struct {
	User       string
	UID, GID   int
	Home       string // canonical: symlinks resolved
	Shell      string
	Executable string // TOOLBOX_PATH: this binary on the host
	Cwd        string
	// InstalledProfile is where this build installed profile.d/toolbox.sh,
	// a third place after /etc/profile.d and /usr/share/profile.d.
	InstalledProfile string
	// ExecutableErr and CwdErr say why Executable or Cwd could not be
	// found (a binary removed meanwhile, a directory deleted under the
	// shell); the commands that need them fail with it.
	ExecutableErr, CwdErr error
	// LookupEnv reads the environment; os.LookupEnv outside tests.
	LookupEnv func(string) (string, bool)
	// Root is where the host's file system is, "/" except in tests.
	Root string
	// subIDsFromNSS asks libsubid for the user's subordinate ids; nil
	// (in tests) reads only the files.
	subIDsFromNSS func(user string, uid int) (granted, ok bool)
}

// New looks up the current user and environment.
func New(lookupEnv func(string) (string, bool)) (*Host, error) {
	h := &Host{LookupEnv: lookupEnv, Root: "/", UID: os.Getuid(), GID: os.Getgid(), subIDsFromNSS: libsubidGrants}
	if h.InsideContainer() {
		// Inside, toolbox only runs init-container or forwards to the
		// host; the container's user database is not for the host's
		// C library to read.
		return h, nil
	}
	u, err := currentAccount(h)
	if err != nil {
		return nil, &AccountError{Err: err}
	}
	h.User = u.Name
	h.Home = firstNonEmpty(h.Getenv("HOME"), u.Home)
	if canon, err := filepath.EvalSymlinks(h.Home); err == nil {
		h.Home = canon
	}
	h.Shell = firstNonEmpty(h.Getenv("SHELL"), u.Shell)
	if h.Shell == "" {
		h.Shell = loginShell(h.UID)
	}
	h.Executable = h.Getenv("TOOLBOX_PATH")
	if h.Executable == "" {
		h.Executable, h.ExecutableErr = executable()
	}
	if h.Cwd, err = os.Getwd(); err != nil {
		h.CwdErr = &WorkdirError{Err: err}
	}
	return h, nil
}

// AccountError is the current user missing from the user database.
type AccountError struct{ Err error }

func (e *AccountError) Error() string { return "look up the current user: " + e.Err.Error() }
func (e *AccountError) Unwrap() error { return e.Err }

// WorkdirError is a working directory that cannot be found, as when it
// was deleted under the shell.
type WorkdirError struct{ Err error }

func (e *WorkdirError) Error() string { return "get the working directory: " + e.Err.Error() }
func (e *WorkdirError) Unwrap() error { return e.Err }

// ExecutableError is this binary's path that cannot be found or resolved.
type ExecutableError struct {
	Resolving bool // found, but its links could not be resolved
	Err       error
}

func (e *ExecutableError) Error() string { return "find the executable: " + e.Err.Error() }
func (e *ExecutableError) Unwrap() error { return e.Err }

// executable is this binary's path, links resolved.
func executable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", &ExecutableError{Err: err}
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		return "", &ExecutableError{Resolving: true, Err: err}
	}
	return exe, nil
}

// Getenv returns an environment variable's value, "" when unset.
func (h *Host) Getenv(name string) string {
	v, _ := h.LookupEnv(name)
	return v
}

// IsRoot says whether toolbox runs as root.
func (h *Host) IsRoot() bool { return h.UID == 0 }

// RuntimeDir is where Toolbx keeps its runtime files on the host and,
// through the bind mount, in containers: $XDG_RUNTIME_DIR/toolbox, or
// /run/toolbox for root.
func (h *Host) RuntimeDir() string {
	if h.IsRoot() {
		return "/run/toolbox"
	}
	return filepath.Join(h.XDGRuntimeDir(), "toolbox")
}

// XDGRuntimeDir is $XDG_RUNTIME_DIR, or /run/user/UID.
func (h *Host) XDGRuntimeDir() string {
	if d := h.Getenv("XDG_RUNTIME_DIR"); d != "" {
		return d
	}
	return fmt.Sprintf("/run/user/%d", h.UID)
}

// ConfigDir is $XDG_CONFIG_HOME or ~/.config.
func (h *Host) ConfigDir() string {
	if d := h.Getenv("XDG_CONFIG_HOME"); d != "" {
		return d
	}
	return filepath.Join(h.Home, ".config")
}

// Path returns p under h.Root.
func (h *Host) Path(p string) string { return filepath.Join(h.Root, p) }

// Exists says whether p exists under h.Root.
func (h *Host) Exists(p string) bool {
	_, err := os.Stat(h.Path(p))
	return err == nil
}

// InsideContainer says whether toolbox runs inside a container.
func (h *Host) InsideContainer() bool { return h.Exists("/run/.containerenv") }

// CgroupsVersion is 2 when /sys/fs/cgroup is the unified cgroup2
// hierarchy, and 1 otherwise.
func (h *Host) CgroupsVersion() int {
	var fs unix.Statfs_t
	if err := unix.Statfs(h.Path("/sys/fs/cgroup"), &fs); err == nil && fs.Type == unix.CGROUP2_SUPER_MAGIC {
		return 2
	}
	return 1
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
