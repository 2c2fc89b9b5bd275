// Package toolbx is the Toolbx model: which container and image a command
// means, the recipe of a Toolbx container, how toolbox knows one is
// running and initialised (readiness), how a command runs in it, and the
// state toolbox keeps between calls. It runs podman only through the
// podman package, asks the user only through UI, and returns typed errors
// that commands words.
package toolbx

import (
	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/hostlink"
	"github.com/toolbx-go/toolbox/podman"
)

// Engine is the model at work for one toolbox call.
type Engine struct {
	Podman *podman.Client
	Host   *host.Host
	UI     UI
	// NVIDIALog shows the NVIDIA libraries' logging (-vv).
	NVIDIALog bool

	integ integrations // of the host, for enter and run (integrations.go)
}

// CheckHostLink makes sure /run/host leads to / on the host, which the
// binary's dynamic linker path needs inside and outside containers.
func (e *Engine) CheckHostLink() error {
	if err := hostlink.Check(e.Host.Root); err != nil {
		return &HostLinkError{Err: err}
	}
	return nil
}

// HostLinkError is /run/host not leading to /; Err is hostlink's.
type HostLinkError struct{ Err error }

func (e *HostLinkError) Error() string { return e.Err.Error() }
func (e *HostLinkError) Unwrap() error { return e.Err }
