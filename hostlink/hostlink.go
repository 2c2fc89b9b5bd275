// Package hostlink owns the rule that makes /run/host a link to the host's
// root directory.
//
// The toolbox binary is linked so that it loads its dynamic linker and its
// C library from under /run/host (PT_INTERP and RUNPATH, set by meson). Inside
// a Toolbx container the host's / is mounted at /run/host, so the binary uses
// the host's C library even when the container's is older. On the host the
// same paths work only through the link /run/host -> ../, which the
// tmpfiles.d rule in Rules (installed by meson as toolbox.conf) creates at
// boot.
//
// Usage: commands that need /run/host on the host call Check("/") and turn
// its typed errors (ErrMissing, ErrNotLink, ErrWrongTarget) into messages for
// the user; running as root, they may call Ensure to create the link. Tests
// pass a temporary directory as the root. This package neither prints nor
// runs podman.
package hostlink

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
)

// Rules is the content of the tmpfiles.d(5) file toolbox.conf. A Go test
// keeps data/tmpfiles.d/toolbox.conf, the file meson installs, equal to it.
const Rules = `# Toolbx: the toolbox binary loads its dynamic linker and C library through
# /run/host, so /run/host must lead to / on the host, as it does inside a
# Toolbx container, where the host's / is mounted there.
d /run/media 0755 root root - -
L /run/host - - - - ../
`

const (
	// Path is where the link lives, relative to the root.
	Path = "/run/host"
	// Target is what the link points to: the root, relative to /run.
	Target = "../"
	// RuleFile is the name of the tmpfiles.d file holding Rules.
	RuleFile = "toolbox.conf"
	// DefaultRuleDir is where Ensure writes RuleFile when
	// Options.RuleDir is empty.
	DefaultRuleDir = "/etc/tmpfiles.d"
)

// Error is the type of the errors Check reports; compare with errors.Is.
type Error string

func (e Error) Error() string { return string(e) }

// The ways /run/host can be wrong. Check wraps them after the path, as in
// "/run/host does not exist".
const (
	ErrMissing     = Error("does not exist")
	ErrNotLink     = Error("is a directory or file, not a link to /")
	ErrWrongTarget = Error("is a link that does not lead to /")
)

// Check reports whether ROOT/run/host resolves to ROOT itself, returning
// nil if it does and an error wrapping ErrMissing, ErrNotLink or
// ErrWrongTarget if not. Anything that resolves to the root is accepted,
// including an absolute link to / when root is "/".
func Check(root string) error {
	link := filepath.Join(root, Path)
	if same, err := sameFile(root, link); err != nil || same {
		return err
	}
	info, err := os.Lstat(link)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s %w", link, ErrMissing)
	case err != nil:
		return fmt.Errorf("check %s: %w", link, err)
	case info.Mode()&fs.ModeSymlink == 0:
		return fmt.Errorf("%s %w", link, ErrNotLink)
	}
	target, err := os.Readlink(link)
	if err != nil {
		return fmt.Errorf("check %s: %w", link, err)
	}
	return fmt.Errorf("%s -> %s %w", link, target, ErrWrongTarget)
}

// sameFile says whether link resolves to the same directory as root. A link
// that does not resolve is not an error here: Check classifies it.
func sameFile(root, link string) (bool, error) {
	rootInfo, err := os.Stat(root)
	if err != nil {
		return false, fmt.Errorf("check root %s: %w", root, err)
	}
	linkInfo, err := os.Stat(link)
	if err != nil {
		return false, nil
	}
	return os.SameFile(rootInfo, linkInfo), nil
}

// Options tunes Ensure.
type Options struct {
	// RuleDir is the tmpfiles.d directory, below the root, that receives
	// RuleFile if it has none yet. Empty means DefaultRuleDir.
	RuleDir string
	// Tmpfiles is the systemd-tmpfiles program that creates the link
	// from the rule file. Empty means creating the link directly, for
	// hosts without systemd; LookupTmpfiles finds the program.
	Tmpfiles string
}

// LookupTmpfiles returns the path of systemd-tmpfiles, or "" if it is not
// on PATH.
func LookupTmpfiles() string {
	path, err := exec.LookPath("systemd-tmpfiles")
	if err != nil {
		return ""
	}
	return path
}

// Ensure makes ROOT/run/host a link to ROOT, as root must: it writes the
// rule file unless one is there already, so that the link comes back after
// a reboot, then creates the link if nothing is at ROOT/run/host. It never
// deletes or replaces what is there: a directory, a file or a wrong link is
// reported as Check reports it.
func Ensure(ctx context.Context, root string, opts Options) error {
	ruleFile, err := writeRuleFile(root, opts.RuleDir)
	if err != nil {
		return err
	}
	if err := Check(root); !errors.Is(err, ErrMissing) {
		return err
	}
	if opts.Tmpfiles == "" {
		err = symlink(root)
	} else {
		err = runTmpfiles(ctx, opts.Tmpfiles, root, ruleFile)
	}
	if err != nil {
		return err
	}
	return Check(root)
}

// writeRuleFile writes Rules to ROOT/DIR/RuleFile unless that file exists,
// and returns the file's path.
func writeRuleFile(root, dir string) (string, error) {
	if dir == "" {
		dir = DefaultRuleDir
	}
	path := filepath.Join(root, dir, RuleFile)
	if _, err := os.Lstat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", fmt.Errorf("write rule file: %w", err)
	}
	if err := os.WriteFile(path, []byte(Rules), 0o644); err != nil {
		return "", fmt.Errorf("write rule file: %w", err)
	}
	return path, nil
}

// symlink creates ROOT/run/host -> ../ directly.
func symlink(root string) error {
	link := filepath.Join(root, Path)
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", link, err)
	}
	if err := os.Symlink(Target, link); err != nil {
		return fmt.Errorf("create %s: %w", link, err)
	}
	return nil
}

// runTmpfiles applies ruleFile below root with systemd-tmpfiles --create.
func runTmpfiles(ctx context.Context, tmpfiles, root, ruleFile string) error {
	args := []string{"--create", ruleFile}
	if root != "/" {
		args = append([]string{"--root", root}, args...)
	}
	out, err := exec.CommandContext(ctx, tmpfiles, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %q: %w: %s", tmpfiles, args, err, out)
	}
	return nil
}
