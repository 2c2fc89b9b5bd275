package commands

import (
	"errors"
	"strings"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// wordCustom words what is wrong with create's --volume and --hostname
// and with run's and enter's --env, in Toolbx's style: the argument, then
// what it must be.
func wordCustom(err error) (error, bool) {
	var (
		volume   *toolbx.VolumeError
		hostname *toolbx.HostnameError
		env      *toolbx.EnvError
	)
	switch {
	case errors.As(err, &volume):
		return UsageErrorf("invalid argument for '--volume'\n%s", volumeProblem(volume)), true
	case errors.As(err, &hostname):
		return UsageErrorf("invalid argument for '--hostname'\n" +
			"Hostnames must be dot-separated labels of letters, digits and '-', at most 64 characters."), true
	case errors.As(err, &env):
		return UsageErrorf("invalid argument for '--env'\n" +
			"Variable names must match '[a-zA-Z_][a-zA-Z0-9_]*'."), true
	}
	return nil, false
}

// volumeProblem is the sentence for what is wrong with a volume.
func volumeProblem(e *toolbx.VolumeError) string {
	switch e.Problem {
	case toolbx.VolumeSourceMissing:
		return "Source " + e.Path + " of volume " + e.Volume + " not found."
	case toolbx.VolumeRelativeDest:
		return "Destination " + e.Path + " of volume " + e.Volume + " is not an absolute path."
	case toolbx.VolumeReservedDest:
		return "Volume " + e.Volume + " would cover " + e.Path + ", which Toolbx itself sets up."
	case toolbx.VolumeDuplicateDest:
		return "Destination " + e.Path + " is given more than once."
	case toolbx.VolumeBadOption:
		var names []string
		for _, group := range toolbx.VolumeOptions() {
			names = append(names, group...)
		}
		return "Option " + e.Option + " of volume " + e.Volume + " is not one of podman's: " +
			strings.Join(names, ", ") + "."
	case toolbx.VolumeConflictingOptions:
		return "Option " + e.Option + " of volume " + e.Volume + " conflicts with an earlier one."
	}
	return "Volumes must be SOURCE:DESTINATION[:OPTIONS]."
}
