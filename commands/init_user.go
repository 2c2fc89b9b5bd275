package commands

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
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
	if c.userConfigured(h, group) {
		slog.Debug("User " + c.User + " is already set up")
		return writeSudoers(h, c.User)
	}
	args, failed := []string{"useradd", "--groups", group, "--home-dir", c.Home, "--no-create-home",
		"--password", "", "--shell", c.Shell, "--uid", fmt.Sprint(c.UID), c.User}, "add"
	if fileHasEntry(h.path("/etc/passwd"), c.User) {
		args, failed = []string{"usermod", "--append", "--groups", group, "--home", c.Home,
			"--password", "", "--shell", c.Shell, "--uid", fmt.Sprint(c.UID), c.User}, "modify"
	}
	slog.Debug(fmt.Sprintf("Running %s for user %s with UID %d", args[0], c.User, c.UID))
	if err := runTool(ctx, args[0], args[1:]...); err != nil {
		return fmt.Errorf("failed to %s user %s with UID %d: %w", failed, c.User, c.UID, err)
	}
	if err := runTool(ctx, "passwd", "--delete", "root"); err != nil {
		return fmt.Errorf("failed to remove password for root: %w", err)
	}
	return writeSudoers(h, c.User)
}

// userConfigured says whether a previous start already did the work: the
// user's entry, group membership and root's empty password are as
// configureUser leaves them. Restarts are then quick.
func (c *InitContainer) userConfigured(h *Host, group string) bool {
	pw := entry(h.path("/etc/passwd"), c.User)
	if len(pw) < 7 || pw[2] != fmt.Sprint(c.UID) || pw[5] != c.Home || pw[6] != c.Shell || !passwordEmpty(h, pw) {
		return false
	}
	gr := entry(h.path("/etc/group"), group)
	if len(gr) < 4 || !slices.Contains(strings.Split(gr[3], ","), c.User) {
		return false
	}
	root := entry(h.path("/etc/passwd"), "root")
	return len(root) > 1 && passwordEmpty(h, root)
}

// passwordEmpty says whether a passwd entry has an empty password, in
// /etc/passwd itself or in /etc/shadow.
func passwordEmpty(h *Host, pw []string) bool {
	if pw[1] != "x" {
		return pw[1] == ""
	}
	sh := entry(h.path("/etc/shadow"), pw[0])
	return len(sh) > 1 && sh[1] == ""
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
func fileHasEntry(path, name string) bool { return entry(path, name) != nil }

// entry returns the fields of name's line in a colon-separated database.
func entry(path, name string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Split(sc.Text(), ":"); fields[0] == name {
			return fields
		}
	}
	return nil
}
