package initctr

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/toolbx-go/toolbox/commands/host"
)

// p11KitClientPaths are where distributions put p11-kit's client module.
func p11KitClientPaths() []string {
	return []string{
		"/usr/lib64/pkcs11/p11-kit-client.so",
		"/usr/lib/pkcs11/p11-kit-client.so",
		"/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so",
		"/usr/lib/aarch64-linux-gnu/pkcs11/p11-kit-client.so",
	}
}

const (
	writtenBy = "# Written by Toolbx\n# https://containertoolbx.org/\n\n"
	module    = "/etc/pkcs11/modules/p11-kit-trust.module"
)

// dropStaleModule removes the client module that an earlier start wrote,
// when the host has no server now (p11-kit was removed from it): else the
// container would trust no CA at all, its own neither.
func dropStaleModule(h *host.Host) {
	data, err := os.ReadFile(h.Path(module))
	if err == nil && strings.HasPrefix(string(data), writtenBy+"module: p11-kit-client.so\n") {
		slog.Debug("Configuring PKCS #11: removing " + module + ", which points at no server")
		if err := os.Remove(h.Path(module)); err != nil {
			slog.Debug("Configuring PKCS #11: cannot remove "+module, "err", err)
		}
	}
}

// configurePKCS11 makes the container's PKCS #11 trust module the host's:
// p11-kit-client.so talking to the `p11-kit server` that enter and run
// start on the host, so the CA certificates the host trusts are trusted
// here. It needs /etc/pkcs11/modules and p11-kit-client.so in the image
// and the server's socket; without them it does nothing. sshd, su and sudo
// are told to keep P11_KIT_SERVER_ADDRESS, which exec sets.
func configurePKCS11(_ context.Context, h *host.Host, o Options) error {
	const prefix = "Configuring PKCS #11 to read from the host"
	slog.Debug(prefix)
	if !h.Exists("/etc/pkcs11/modules") {
		slog.Debug(prefix + ": directory /etc/pkcs11/modules not found; skipping")
		return nil
	}
	client := false
	for _, p := range p11KitClientPaths() {
		client = client || h.Exists(p)
	}
	if !client {
		slog.Debug(prefix + ": p11-kit-client.so not found; skipping")
		return nil
	}
	socket := filepath.Join(toolboxRuntimeDir(h, o), "pkcs11")
	if !h.Exists(socket) {
		slog.Debug(prefix + ": socket " + socket + " not found; skipping")
		dropStaleModule(h)
		return nil
	}
	conf := writtenBy + "module: p11-kit-client.so\nserver-address: unix:path=" + socket + "\n"
	if err := host.WriteFileAtomic(h.Path(module), []byte(conf), 0o644); err != nil {
		return &Error{Step: ConfigurePKCS11, Path: module, Err: err}
	}
	for _, step := range []func(*host.Host, string) error{configurePKCS11SSHD, configurePKCS11Su, configurePKCS11Sudo} {
		if err := step(h, socket); err != nil {
			return err
		}
	}
	return nil
}

// configurePKCS11SSHD has sshd(8) set the variable, when the image has a
// drop-in directory for it.
func configurePKCS11SSHD(h *host.Host, socket string) error {
	const dir = "/etc/ssh/sshd_config.d"
	slog.Debug("Configuring sshd(8) to set P11_KIT_SERVER_ADDRESS")
	fi, err := os.Stat(h.Path(dir))
	switch {
	case errors.Is(err, os.ErrNotExist) || err == nil && !fi.IsDir():
		slog.Debug("Configuring sshd(8) to set P11_KIT_SERVER_ADDRESS: directory " + dir + " not found; skipping")
		return nil
	case err != nil:
		return &Error{Step: StatDir, Path: dir, Err: err}
	}
	path := filepath.Join(dir, "90-toolbx.conf")
	conf := writtenBy + "SetEnv P11_KIT_SERVER_ADDRESS=unix:path=" + socket + "\n"
	if err := host.WriteFileAtomic(h.Path(path), []byte(conf), fi.Mode().Perm()&0o666); err != nil {
		return &Error{Step: ConfigurePKCS11SSHD, Path: path, Err: err}
	}
	return nil
}

// configurePKCS11Su has login shells, which su(1) starts, export it.
func configurePKCS11Su(h *host.Host, socket string) error {
	slog.Debug("Configuring su(1) to set P11_KIT_SERVER_ADDRESS")
	if err := needDir(h, "/etc/profile.d", NoProfileD); err != nil {
		return err
	}
	const path = "/etc/profile.d/toolbx-pkcs11.sh"
	script := "# shellcheck shell=sh\n#\n" + writtenBy + "export P11_KIT_SERVER_ADDRESS=unix:path=" + socket + "\n"
	if err := host.WriteFileAtomic(h.Path(path), []byte(script), 0o644); err != nil {
		return &Error{Step: ConfigurePKCS11Su, Path: path, Err: err}
	}
	return nil
}

// configurePKCS11Sudo has sudo(8) keep it.
func configurePKCS11Sudo(h *host.Host, _ string) error {
	slog.Debug("Configuring sudo(8) to set P11_KIT_SERVER_ADDRESS")
	if err := needDir(h, "/etc/sudoers.d", NoSudoersD); err != nil {
		return err
	}
	const path = "/etc/sudoers.d/90-toolbx-pkcs11"
	conf := writtenBy + "Defaults env_keep += \"P11_KIT_SERVER_ADDRESS\"\n"
	if err := host.WriteFileAtomic(h.Path(path), []byte(conf), 0o440); err != nil {
		return &Error{Step: ConfigurePKCS11Sudo, Path: path, Err: err}
	}
	return nil
}

// needDir fails with missing when dir is not a directory.
func needDir(h *host.Host, dir string, missing Step) error {
	fi, err := os.Stat(h.Path(dir))
	switch {
	case errors.Is(err, os.ErrNotExist) || err == nil && !fi.IsDir():
		return &Error{Step: missing, Path: dir}
	case err != nil:
		return &Error{Step: StatDir, Path: dir, Err: err}
	}
	return nil
}
