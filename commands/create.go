package commands

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/toolbx-go/toolbox/podman"
)

// Create is `toolbox create`.
type Create struct {
	Name          []string `arg:"" optional:"" name:"container" help:"Name of the Toolbx container."`
	ContainerFlag string   `name:"container" short:"c" hidden:"" help:"Assign a different name to the Toolbx container."`
	AuthFile      string   `name:"authfile" placeholder:"FILE" help:"Path to a file with credentials for authenticating to the registry for private images."`
	Distro        string   `short:"d" placeholder:"DISTRO" help:"Create a Toolbx container for a different operating system distribution than the host."`
	Image         string   `short:"i" placeholder:"NAME" help:"Change the name of the base image used to create the Toolbx container."`
	Release       string   `short:"r" placeholder:"RELEASE" help:"Create a Toolbx container for a different operating system release than the host."`
}

// Run implements the command.
func (c *Create) Run(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, g *Globals) error {
	name, argName, err := c.containerName()
	if err != nil {
		return err
	}
	if c.Distro != "" && c.Image != "" {
		return UsageErrorf("options --distro and --image cannot be used together")
	}
	if c.Image != "" && c.Release != "" {
		return UsageErrorf("options --image and --release cannot be used together")
	}
	if c.Image != "" {
		if err := checkImageBasename(c.Image); err != nil {
			return err
		}
	}
	if c.AuthFile != "" {
		if _, err := os.Stat(c.AuthFile); err != nil {
			return UsageErrorf("file %s not found\n'podman login' can be used to create the file.", c.AuthFile)
		}
	}
	if err := checkHostLink(h); err != nil {
		return err
	}
	cfg, err := LoadConfig(h)
	if err != nil {
		return err
	}
	sel, err := resolve(h, cfg, name, c.Distro, c.Release, c.Image)
	if err != nil {
		return err
	}
	if err := validateContainerName(sel.Container, argName); err != nil {
		if name == "" {
			return UsageErrorf("invalid argument for '--image'\n"+
				"Container name %s generated from image is invalid.\n"+
				"Container names must match '[a-zA-Z0-9][a-zA-Z0-9_.-]*'.", sel.Container)
		}
		return err
	}
	where := "argument for '--image'"
	if c.Image == "" {
		where = "value for 'image' in toolbox.conf"
	}
	if err := checkImage(sel.Image, where); err != nil {
		return err
	}
	return createContainer(ctx, pm, stdio, h, g, sel, c.AuthFile, false)
}

// containerName picks the name from the argument or --container.
func (c *Create) containerName() (name, argName string, err error) {
	switch {
	case len(c.Name) > 1:
		return "", "", UsageErrorf("accepts at most 1 arg(s), received %d", len(c.Name))
	case len(c.Name) == 1 && c.ContainerFlag != "" && c.Name[0] != c.ContainerFlag:
		return "", "", UsageErrorf("the container name was given twice, as CONTAINER and as --container")
	case len(c.Name) == 1:
		return c.Name[0], "CONTAINER", nil
	}
	return c.ContainerFlag, "--container", nil
}

// createContainer creates sel.Container from the first local image that
// matches sel.Image, trying `podman create --pull never` on each candidate
// so that the common case costs one podman call; when none is local, it
// pulls the image (after asking) and creates from it.
func createContainer(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, g *Globals, sel Selection, authFile string, quiet bool) error {
	opts, err := createOptions(h, sel.Container, "")
	if err != nil {
		return err
	}
	full, fqErr := fullyQualified(sel.Image, sel.Release)
	created := false
	for _, image := range localCandidates(sel.Image, full) {
		slog.DebugContext(ctx, "Looking up image "+image)
		opts.Image = image
		if created, err = tryCreate(ctx, pm, h, opts); created || err != nil {
			break
		}
	}
	if !created && err == nil {
		err = createAfterPull(ctx, pm, stdio, h, g, opts, full, fqErr, authFile)
	}
	if err != nil {
		return err
	}
	// What toolbox remembered under this name was another container's.
	forgetEntryPoint(h, sel.Container)
	if !quiet {
		fmt.Fprintf(stdio.Out, "Created container: %s\n", sel.Container)
		fmt.Fprintf(stdio.Out, "Enter with: %s\n", enterCommand(h, sel.Container))
	}
	return nil
}

// tryCreate creates the container from opts.Image if it is local; false
// with no error means the image is not.
func tryCreate(ctx context.Context, pm *podman.Client, h *Host, opts podman.CreateOptions) (bool, error) {
	_, err := pm.CreateContainer(ctx, opts)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, podman.ErrNotFound):
		return false, nil
	case errors.Is(err, podman.ErrInUse):
		return false, alreadyExists(h, opts.Name)
	case ctx.Err() != nil:
		return false, interrupted(fmt.Sprintf("failed to create container %s: interrupted", opts.Name))
	}
	slog.DebugContext(ctx, "Creating the container failed", "err", err)
	return false, podmanFailed("failed to create container "+opts.Name, err)
}

func alreadyExists(h *Host, name string) error {
	return UsageErrorf("container %s already exists\nEnter with: %s", name, enterCommand(h, name))
}

// createAfterPull pulls the fully qualified image, unless the container
// exists already, and creates the container from it.
func createAfterPull(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, g *Globals, opts podman.CreateOptions, full string, fqErr error, authFile string) error {
	if exists, err := pm.ContainerExists(ctx, opts.Name); err == nil && exists {
		return alreadyExists(h, opts.Name)
	}
	if fqErr != nil {
		return fqErr
	}
	if imageDomain(full) == "localhost" {
		return fmt.Errorf("image %s not found in local storage", full)
	}
	if err := pullImage(ctx, pm, stdio, h, g, full, authFile); err != nil {
		return err
	}
	opts.Image = full
	if created, err := tryCreate(ctx, pm, h, opts); created || err != nil {
		return err
	}
	return fmt.Errorf("failed to create container %s", opts.Name)
}

// enterCommand is how to enter name: without the name for the default one.
func enterCommand(h *Host, name string) string {
	if def, err := defaultContainerName(h); err == nil && def == name {
		return "toolbox enter"
	}
	return "toolbox enter " + name
}

// defaultContainerName is the container `toolbox enter` enters by default.
func defaultContainerName(h *Host) (string, error) {
	cfg, err := LoadConfig(h)
	if err != nil {
		return "", err
	}
	sel, err := resolve(h, cfg, "", "", "", "")
	return sel.Container, err
}

// createOptions builds the podman create options of SPEC 2.1.
func createOptions(h *Host, name, image string) (podman.CreateOptions, error) {
	if h.ExecutableErr != nil {
		return podman.CreateOptions{}, h.ExecutableErr
	}
	o := podman.CreateOptions{
		Name: name, Image: image, Hostname: "toolbx", UserNS: "keep-id", PullNever: true,
		Env: []string{"TOOLBOX_PATH=" + h.Executable},
	}
	runtimeDir := h.XDGRuntimeDir()
	if h.IsRoot() {
		o.UserNS, runtimeDir = "host", "/run/toolbox"
	} else {
		o.Env = append(o.Env, "XDG_RUNTIME_DIR="+runtimeDir)
	}
	if err := os.MkdirAll(h.path(h.RuntimeDir()), 0o700); err != nil {
		return o, fmt.Errorf("failed to create directory %s", h.RuntimeDir())
	}
	for _, name := range []string{"TOOLBX_DELAY_ENTRY_POINT", "TOOLBX_FAIL_ENTRY_POINT"} {
		if v, ok := h.LookupEnv(name); ok {
			o.Env = append(o.Env, name+"="+v)
		}
	}
	o.Volumes = []string{
		"/:/run/host:rslave",
		"/dev:/dev:rslave",
		h.Home + ":" + h.Home + ":rslave",
		h.Executable + ":/usr/bin/toolbox:ro",
		runtimeDir + ":" + runtimeDir,
	}
	if sock := dbusSystemSocket(h); sock != "" {
		o.Volumes = append(o.Volumes, sock+":"+sock)
	}
	entryFlags := []string{}
	for _, m := range []struct{ dir, linkTarget, flag string }{
		{"/media", "/run/media", "--media-link"},
		{"/mnt", "/var/mnt", "--mnt-link"},
		{"/run/media", "", ""},
	} {
		switch target, err := filepath.EvalSymlinks(h.path(m.dir)); {
		case err != nil:
		case m.linkTarget != "" && target == h.path(m.linkTarget):
			entryFlags = append(entryFlags, m.flag)
		default:
			o.Volumes = append(o.Volumes, m.dir+":"+m.dir+":rslave")
		}
	}
	for _, p := range []string{"/etc/profile.d/toolbox.sh", "/usr/share/profile.d/toolbox.sh", h.InstalledProfile} {
		if p != "" && h.exists(p) {
			o.Volumes = append(o.Volumes, p+":/etc/profile.d/toolbox.sh:ro")
			break
		}
	}
	if target, err := filepath.EvalSymlinks(h.path("/home")); err == nil && target == h.path("/var/home") {
		entryFlags = append([]string{"--home-link"}, entryFlags...)
	}
	o.Command = append([]string{
		"toolbox", "--log-level", "debug", "init-container",
		"--gid", fmt.Sprint(h.GID), "--home", h.Home, "--shell", h.Shell,
		"--uid", fmt.Sprint(h.UID), "--user", h.User,
	}, entryFlags...)
	return o, nil
}

// dbusSystemSocket is the D-Bus system bus socket, symlinks resolved, or
// "" when there is none.
func dbusSystemSocket(h *Host) string {
	addr := h.Getenv("DBUS_SYSTEM_BUS_ADDRESS")
	path := "/var/run/dbus/system_bus_socket"
	if p, ok := strings.CutPrefix(addr, "unix:path="); ok {
		path, _, _ = strings.Cut(p, ",")
	}
	canon, err := filepath.EvalSymlinks(h.path(path))
	if err != nil {
		return ""
	}
	rel, _ := filepath.Rel(h.Root, canon)
	return "/" + rel
}
