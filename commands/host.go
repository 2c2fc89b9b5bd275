package commands

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Host is what toolbox knows of the machine and user it runs for. It is
// resolved once in main and handed to the commands.
type Host struct {
	User       string
	UID, GID   int
	Home       string // canonical: symlinks resolved
	Shell      string
	Executable string // TOOLBOX_PATH: this binary on the host
	Cwd        string
	// ExecutableErr and CwdErr say why Executable or Cwd could not be
	// found (a binary removed meanwhile, a directory deleted under the
	// shell); the commands that need them fail with it.
	ExecutableErr, CwdErr error
	// InstalledProfile is where this build installed profile.d/toolbox.sh,
	// a third place after /etc/profile.d and /usr/share/profile.d.
	InstalledProfile string
	// LookupEnv reads the environment; os.LookupEnv outside tests.
	LookupEnv func(string) (string, bool)
	// Root is where the host's file system is, "/" except in tests.
	Root string
}

// NewHost looks up the current user and environment.
func NewHost(lookupEnv func(string) (string, bool)) (*Host, error) {
	h := &Host{LookupEnv: lookupEnv, Root: "/", UID: os.Getuid(), GID: os.Getgid(), InstalledProfile: InstalledProfile}
	if h.InsideContainer() {
		// Inside, toolbox only runs init-container or forwards to the
		// host; the container's user database is not for the host's
		// C library to read.
		return h, nil
	}
	u, err := currentAccount(h)
	if err != nil {
		return nil, fmt.Errorf("failed to get the current user: %w", err)
	}
	h.User = u.name
	getenv := h.Getenv
	h.Home = getenv("HOME")
	if h.Home == "" {
		h.Home = u.home
	}
	if canon, err := filepath.EvalSymlinks(h.Home); err == nil {
		h.Home = canon
	}
	h.Shell = getenv("SHELL")
	if h.Shell == "" {
		h.Shell = u.shell
	}
	if h.Shell == "" {
		h.Shell = loginShell(h.UID)
	}
	h.Executable = getenv("TOOLBOX_PATH")
	if h.Executable == "" {
		h.Executable, h.ExecutableErr = executable()
	}
	if h.Cwd, err = os.Getwd(); err != nil {
		h.CwdErr = fmt.Errorf("failed to get the working directory: %w", err)
	}
	return h, nil
}

// executable is this binary's path, links resolved, in Toolbx's words
// when it cannot be found.
func executable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("failed to get the path to the executable: %w", err)
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		return "", fmt.Errorf("failed to resolve absolute path to the executable: %w", err)
	}
	return exe, nil
}

// loginShell is field 7 of the user's passwd entry, through NSS.
func loginShell(uid int) string {
	out, err := exec.Command("getent", "passwd", strconv.Itoa(uid)).Output()
	if a, ok := findPasswd(string(out), uid); err == nil && ok && a.shell != "" {
		return a.shell
	}
	return "/bin/bash"
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

// path returns p under h.Root.
func (h *Host) path(p string) string { return filepath.Join(h.Root, p) }

// exists says whether p exists under h.Root.
func (h *Host) exists(p string) bool {
	_, err := os.Stat(h.path(p))
	return err == nil
}

// InsideContainer says whether toolbox runs inside a container.
func (h *Host) InsideContainer() bool {
	return h.exists("/run/.containerenv")
}

// OSRelease reads ID and VERSION_ID from os-release.
func (h *Host) OSRelease() (id, version string) {
	for _, p := range []string{"/etc/os-release", "/usr/lib/os-release"} {
		f, err := os.Open(h.path(p))
		if err != nil {
			continue
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			k, v, ok := strings.Cut(sc.Text(), "=")
			if !ok {
				continue
			}
			v = strings.Trim(v, `"'`)
			switch k {
			case "ID":
				id = v
			case "VERSION_ID":
				version = v
			}
		}
		return id, version
	}
	return "", ""
}

// ConfigDir is $XDG_CONFIG_HOME or ~/.config.
func (h *Host) ConfigDir() string {
	if d := h.Getenv("XDG_CONFIG_HOME"); d != "" {
		return d
	}
	return filepath.Join(h.Home, ".config")
}
