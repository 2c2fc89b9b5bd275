package initctr

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"tags.cncf.io/container-device-interface/pkg/cdi"
	"tags.cncf.io/container-device-interface/specs-go"

	"github.com/toolbx-go/toolbox/commands/host"
)

// The steps of the host integrations (NVIDIA's CDI, PKCS #11); numbered
// apart from errors.go's so that each list can grow on its own.
const (
	LoadCDI             Step = 100 + iota // Path: a spec that does not parse
	InvalidCDIMount                       // a mount without a host or container path
	ApplyCDIMount                         // Path, Target (the source)
	InvalidCDIHook                        // a hook with a bad name or no path
	CDISymlinks                           // the create-symlinks hook failed
	CDILDCache                            // the update-ldcache hook failed
	ConfigurePKCS11                       // Path
	ConfigurePKCS11SSHD                   // Path
	ConfigurePKCS11Su                     // Path
	ConfigurePKCS11Sudo                   // Path
	NoProfileD                            // /etc/profile.d is missing
	NoSudoersD                            // /etc/sudoers.d is missing
	StatDir                               // Path: a directory that cannot be looked at
)

// cdiFile is where enter and run leave the Container Device Interface
// spec for the host's NVIDIA driver, in the runtime directory that the
// container shares with the host. init-container applies whatever spec is
// there, whichever tool wrote it, as Toolbx's does.
const cdiFile = "cdi-nvidia.json"

// toolboxRuntimeDir is the runtime directory of Toolbx as the container
// sees it: /run/toolbox for root, else $XDG_RUNTIME_DIR/toolbox.
func toolboxRuntimeDir(h *host.Host, o Options) string {
	if o.UID == 0 {
		return "/run/toolbox"
	}
	dir := h.Getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		dir = fmt.Sprintf("/run/user/%d", o.UID)
	}
	return filepath.Join(dir, "toolbox")
}

// applyCDI applies the NVIDIA spec the host left, if any: its mounts from
// /run/host, and the create-symlinks and update-ldcache hooks of
// nvidia-cdi-hook, done here since no OCI hook runs at exec. Device nodes
// are there through the /dev mount; the environment is given at exec.
func applyCDI(ctx context.Context, h *host.Host, o Options) error {
	path := filepath.Join(toolboxRuntimeDir(h, o), cdiFile)
	slog.Debug("Loading Container Device Interface for NVIDIA from file " + path)
	data, err := os.ReadFile(h.Path(path))
	if errors.Is(err, os.ErrNotExist) {
		slog.Debug("Loading Container Device Interface for NVIDIA: file " + path + " not found")
		return nil
	}
	var spec *specs.Spec
	if err == nil {
		spec, err = cdi.ParseSpec(data)
	}
	if err == nil && spec == nil {
		err = errors.New("missing data")
	}
	if err != nil {
		return &Error{Step: LoadCDI, Path: path, Err: err}
	}
	slog.Debug("Applying Container Device Interface for NVIDIA")
	for _, m := range spec.ContainerEdits.Mounts {
		if err := applyCDIMount(h, m); err != nil {
			return err
		}
	}
	for _, hook := range spec.ContainerEdits.Hooks {
		if err := applyCDIHook(ctx, h, hook); err != nil {
			return err
		}
	}
	return nil
}

// applyCDIMount binds /run/host/HOSTPATH over CONTAINERPATH with the
// mount's options; a host path that is not there is skipped.
func applyCDIMount(h *host.Host, m *specs.Mount) error {
	if err := (&cdi.Mount{Mount: m}).Validate(); err != nil {
		return &Error{Step: InvalidCDIMount, Err: err}
	}
	if m.Type != "" && m.Type != "bind" {
		slog.Debug("Applying Container Device Interface for NVIDIA: unknown mount type " + m.Type)
		return nil
	}
	source := filepath.Join("/run/host", m.HostPath)
	fi, err := os.Stat(h.Path(source))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err == nil {
		err = makeMountPoint(h.Path(m.ContainerPath), fi.IsDir())
	}
	if err == nil {
		slog.Debug("Binding " + m.ContainerPath + " to " + source)
		err = bindWithOptions(h.Path(source), h.Path(m.ContainerPath), m.Options)
	}
	if err != nil {
		return &Error{Step: ApplyCDIMount, Path: m.ContainerPath, Target: source, Err: err}
	}
	return nil
}

// applyCDIHook does what nvidia-cdi-hook would for the hooks that the
// NVIDIA spec uses; other hooks are logged and skipped.
func applyCDIHook(ctx context.Context, h *host.Host, hook *specs.Hook) error {
	if err := (&cdi.Hook{Hook: hook}).Validate(); err != nil {
		return &Error{Step: InvalidCDIHook, Err: err}
	}
	if hook.HookName != cdi.CreateContainerHook {
		slog.Debug("Applying Container Device Interface for NVIDIA: unknown hook name " + hook.HookName)
		return nil
	}
	if len(hook.Args) >= 2 && hook.Args[0] == "nvidia-cdi-hook" {
		switch hook.Args[1] {
		case "create-symlinks":
			if err := createSymlinks(h, hook.Args[2:]); err != nil {
				return &Error{Step: CDISymlinks, Err: err}
			}
			return nil
		case "update-ldcache":
			if err := updateLDCache(ctx, h, folders(hook.Args[2:])); err != nil {
				return &Error{Step: CDILDCache, Err: err}
			}
			return nil
		}
	}
	slog.Debug("Applying Container Device Interface for NVIDIA: unknown hook arguments", "args", strings.Join(hook.Args, " "))
	return nil
}

// createSymlinks makes each --link TARGET::LINK; a LINK that exists, as
// after a restart, is left alone.
func createSymlinks(h *host.Host, args []string) error {
	for i := 0; i < len(args); i++ {
		if args[i] != "--link" {
			continue
		}
		if i++; i == len(args) {
			return errors.New("missing --link argument")
		}
		parts := strings.Split(args[i], "::")
		if len(parts) != 2 {
			return fmt.Errorf("invalid --link argument: %s not in '<target>::<link>' format", args[i])
		}
		target, link := parts[0], parts[1]
		if !filepath.IsAbs(link) {
			return fmt.Errorf("invalid --link argument: link %s is not an absolute path", link)
		}
		slog.Debug("Creating symbolic link with target " + target + " and link " + link)
		if err := os.MkdirAll(filepath.Dir(h.Path(link)), 0o755); err != nil {
			return err
		}
		if err := os.Symlink(target, h.Path(link)); err != nil && !errors.Is(err, os.ErrExist) {
			return err
		}
	}
	return nil
}

// folders are the values of the --folder arguments, in order.
func folders(args []string) []string {
	var dirs []string
	for i := 0; i+1 < len(args); i++ {
		if args[i] == "--folder" {
			i++
			dirs = append(dirs, args[i])
		}
	}
	return dirs
}
