package commands

import (
	"context"
	"errors"
	"fmt"

	"github.com/alecthomas/kong"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/commands/initctr"
)

// InitContainer is `toolbox init-container`, the entry point of every
// Toolbx container. It runs as root inside the container.
type InitContainer struct {
	GID         int    `name:"gid" default:"-1" help:"Create a user inside the Toolbx container whose numerical group ID is GID."`
	Home        string `name:"home" required:"" help:"Create a user inside the Toolbx container whose login directory is HOME."`
	HomeLink    bool   `name:"home-link" help:"Make /home a symbolic link to /var/home."`
	MediaLink   bool   `name:"media-link" help:"Make /media a symbolic link to /run/media."`
	MntLink     bool   `name:"mnt-link" help:"Make /mnt a symbolic link to /var/mnt."`
	MonitorHost bool   `name:"monitor-host" default:"true" hidden:"" help:"Deprecated, does nothing."`
	Shell       string `name:"shell" required:"" help:"Create a user inside the Toolbx container whose login shell is SHELL."`
	UID         int    `name:"uid" required:"" help:"Create a user inside the Toolbx container whose numerical user ID is UID."`
	User        string `name:"user" required:"" help:"Create a user inside the Toolbx container whose login name is LOGIN."`
}

// Run implements the command: set the container up, leave the readiness
// stamp, then stay running until stopped.
func (c *InitContainer) Run(ctx context.Context, kctx *kong.Context, stdio *IO, h *host.Host) error {
	if flagGiven(kctx, "monitor-host") {
		// Containers made by Toolbx before 0.0.97 pass it; pflag's words.
		fmt.Fprintln(stdio.Err, "Flag --monitor-host has been deprecated, it does nothing")
	}
	err := initctr.Run(ctx, h, initctr.Options{
		GID: c.GID, UID: c.UID, Home: c.Home, Shell: c.Shell, User: c.User,
		HomeLink: c.HomeLink, MediaLink: c.MediaLink, MntLink: c.MntLink,
	})
	return wordInit(err)
}

// wordInit words init-container's failures as Toolbx does; the host reads
// them from the container's log as the reason it did not start.
func wordInit(err error) error {
	var (
		step *initctr.Error
		fail *initctr.FailRequested
	)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, initctr.ErrOutside):
		return errors.New("the 'init-container' command can only be used inside containers\n" + usageHint)
	case errors.Is(err, initctr.ErrNoSudoGroup):
		return errors.New("group for sudo not found")
	case errors.As(err, &fail) && fail.Level > 1:
		return errors.New("TOOLBX_FAIL_ENTRY_POINT is set\nThis environment variable should only be set when testing.")
	case errors.As(err, &fail):
		return errors.New("TOOLBX_FAIL_ENTRY_POINT is set")
	case errors.As(err, &step) && step.Step == initctr.RedirectMountPoint:
		return errors.New(stepFailure(step))
	case errors.As(err, &step):
		if msg, bare, ok := integrationStepFailure(step); ok && (bare || step.Err == nil) {
			return errors.New(msg)
		} else if ok {
			return fmt.Errorf("%s: %w", msg, step.Err)
		}
		return fmt.Errorf("%s: %w", stepFailure(step), step.Err)
	}
	return err
}

// stepFailure is Toolbx's "failed to ..." for a step of init-container.
func stepFailure(e *initctr.Error) string {
	switch e.Step {
	case initctr.RedirectMountPoint:
		return fmt.Sprintf("failed to redirect %s to %s: %s is a mount point", e.Path, e.Target, e.Path)
	case initctr.Redirect:
		return fmt.Sprintf("failed to redirect %s to %s", e.Path, e.Target)
	case initctr.Bind:
		return fmt.Sprintf("failed to bind %s to %s", e.Path, e.Target)
	case initctr.AddUser:
		return fmt.Sprintf("failed to add user %s with UID %d", e.User, e.UID)
	case initctr.ModifyUser:
		return fmt.Sprintf("failed to modify user %s with UID %d", e.User, e.UID)
	}
	return map[initctr.Step]string{
		initctr.CreateMarker:       "failed to create " + e.Path,
		initctr.RemoveForLink:      "failed to remove " + e.Path,
		initctr.WriteTimezone:      "failed to create /etc/timezone",
		initctr.CreateDirectory:    "failed to create " + e.Path,
		initctr.HideSELinux:        "failed to hide /sys/fs/selinux",
		initctr.ConfigureRPM:       "failed to configure RPM",
		initctr.ConfigureKerberos:  "failed to configure Kerberos",
		initctr.DeleteRootPassword: "failed to remove password for root",
		initctr.WriteSudoers:       "failed to write /etc/sudoers.d/toolbox",
		initctr.CreateRuntimeDir:   "failed to create runtime directory " + e.Path,
		initctr.ChownRuntimeDir:    "failed to change ownership of runtime directory " + e.Path,
		initctr.CreateStamp:        "failed to create initialization stamp " + e.Path,
		initctr.ChownStamp:         "failed to change ownership of initialization stamp " + e.Path,
		initctr.WriteHosts:         "failed to create " + e.Path,
	}[e.Step]
}
