package commands

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
)

// configureUser creates or updates the user with the host's uid, home and
// shell, in the sudo group, with passwordless sudo. It reads /etc/passwd
// and /etc/group directly: the host's C library runs this binary, so the
// container's NSS modules are not to be loaded.
func (c *InitContainer) configureUser(ctx context.Context, h *Host) error {
	group := ""
	for _, g := range []string{"sudo", "wheel"} {
		if fileHasEntry(h.path("/etc/group"), g) {
			group = g
			break
		}
	}
	if group == "" {
		return errors.New("group for sudo not found")
	}
	var args []string
	if fileHasEntry(h.path("/etc/passwd"), c.User) {
		slog.Debug("Modifying user " + c.User)
		args = []string{"usermod", "--append", "--groups", group, "--home", c.Home,
			"--password", "", "--shell", c.Shell, "--uid", fmt.Sprint(c.UID), c.User}
	} else {
		slog.Debug("Adding user " + c.User)
		args = []string{"useradd", "--groups", group, "--home-dir", c.Home, "--no-create-home",
			"--password", "", "--shell", c.Shell, "--uid", fmt.Sprint(c.UID), c.User}
	}
	if err := runTool(ctx, args[0], args[1:]...); err != nil {
		return fmt.Errorf("failed to set up user %s: %w", c.User, err)
	}
	if err := runTool(ctx, "passwd", "--delete", "root"); err != nil {
		return fmt.Errorf("failed to remove password for root: %w", err)
	}
	return writeSudoers(h, c.User)
}

// writeSudoers lets the user run sudo without a password whatever the
// image's PAM policy is (Toolbx issue 452).
func writeSudoers(h *Host, user string) error {
	if !h.exists("/etc/sudoers.d") {
		return nil
	}
	rule := fmt.Sprintf("# Written by Toolbx: passwordless sudo for the Toolbx user.\n%s ALL=(ALL:ALL) NOPASSWD: ALL\n", user)
	if err := os.WriteFile(h.path("/etc/sudoers.d/toolbox"), []byte(rule), 0o440); err != nil {
		return fmt.Errorf("failed to write /etc/sudoers.d/toolbox: %w", err)
	}
	return nil
}

// fileHasEntry says whether a colon-separated database has name in its
// first field.
func fileHasEntry(path, name string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if first, _, _ := strings.Cut(sc.Text(), ":"); first == name {
			return true
		}
	}
	return false
}
