package initctr

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"

	"github.com/toolbx-go/toolbox/commands/host"
)

// configureUser creates or updates the user with the host's uid, home and
// shell, in the sudo group, with passwordless sudo. It reads /etc/passwd
// and /etc/group directly: the host's C library runs this binary, so the
// container's NSS modules are not to be loaded.
func configureUser(ctx context.Context, h *host.Host, c Options) error {
	group := ""
	for _, g := range []string{"sudo", "wheel"} {
		if fileHasEntry(h.Path("/etc/group"), g) {
			group = g
			break
		}
	}
	if group == "" {
		return ErrNoSudoGroup
	}
	if userConfigured(h, c, group) {
		slog.Debug("User " + c.User + " is already set up")
		return writeSudoers(h, c.User)
	}
	args, step := []string{"useradd", "--groups", group, "--home-dir", c.Home, "--no-create-home",
		"--password", "", "--shell", c.Shell, "--uid", fmt.Sprint(c.UID), c.User}, AddUser
	if fileHasEntry(h.Path("/etc/passwd"), c.User) {
		args, step = []string{"usermod", "--append", "--groups", group, "--home", c.Home,
			"--password", "", "--shell", c.Shell, "--uid", fmt.Sprint(c.UID), c.User}, ModifyUser
	}
	slog.Debug(fmt.Sprintf("Running %s for user %s with UID %d", args[0], c.User, c.UID))
	if _, err := host.Output(ctx, args[0], args[1:]...); err != nil {
		return &Error{Step: step, User: c.User, UID: c.UID, Err: err}
	}
	if _, err := host.Output(ctx, "passwd", "--delete", "root"); err != nil {
		return &Error{Step: DeleteRootPassword, Err: err}
	}
	return writeSudoers(h, c.User)
}

// userConfigured says whether a previous start already did the work: the
// user's entry, group membership and root's empty password are as
// configureUser leaves them. Restarts are then quick.
func userConfigured(h *host.Host, c Options, group string) bool {
	pw := entry(h.Path("/etc/passwd"), c.User)
	if len(pw) < 7 || pw[2] != fmt.Sprint(c.UID) || pw[5] != c.Home || pw[6] != c.Shell || !passwordEmpty(h, pw) {
		return false
	}
	gr := entry(h.Path("/etc/group"), group)
	if len(gr) < 4 || !slices.Contains(strings.Split(gr[3], ","), c.User) {
		return false
	}
	root := entry(h.Path("/etc/passwd"), "root")
	return len(root) > 1 && passwordEmpty(h, root)
}

// passwordEmpty says whether a passwd entry has an empty password, in
// /etc/passwd itself or in /etc/shadow.
func passwordEmpty(h *host.Host, pw []string) bool {
	if pw[1] != "x" {
		return pw[1] == ""
	}
	sh := entry(h.Path("/etc/shadow"), pw[0])
	return len(sh) > 1 && sh[1] == ""
}

// writeSudoers lets the user run sudo without a password whatever the
// image's PAM policy is (Toolbx issue 452).
func writeSudoers(h *host.Host, user string) error {
	if !h.Exists("/etc/sudoers.d") {
		return nil
	}
	rule := fmt.Sprintf("# Written by Toolbx: passwordless sudo for the Toolbx user.\n%s ALL=(ALL:ALL) NOPASSWD: ALL\n", user)
	if err := os.WriteFile(h.Path("/etc/sudoers.d/toolbox"), []byte(rule), 0o440); err != nil {
		return &Error{Step: WriteSudoers, Path: "/etc/sudoers.d/toolbox", Err: err}
	}
	return nil
}

// fileHasEntry says whether a colon-separated database has name in its
// first field.
func fileHasEntry(path, name string) bool { return host.Entry(path, name) != nil }

// entry returns the fields of name's line in a colon-separated database.
func entry(path, name string) []string { return host.Entry(path, name) }
