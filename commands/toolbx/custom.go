package toolbx

import (
	"strconv"
	"strings"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/podman"
)

// What create adds to the recipe on request (--hostname, --volume,
// --auto-stop); without these flags the recipe is Toolbx's.

// autoStopGrace is how long, in seconds, a container made with --auto-stop
// runs on without a session. TOOLBX_AUTO_STOP_GRACE on the host, a test
// hook like TOOLBX_DELAY_ENTRY_POINT, changes it.
const autoStopGrace = "5"

// HostnameError is a create --hostname that is not a hostname.
type HostnameError struct{ Name string }

func (e *HostnameError) Error() string { return "bad hostname " + e.Name }

// CheckHostname accepts RFC 1123 hostnames: dot-separated labels of 1 to
// 63 letters, digits and hyphens, neither first nor last a hyphen, and at
// most 64 characters in all (the kernel's HOST_NAME_MAX).
func CheckHostname(name string) error {
	if len(name) == 0 || len(name) > 64 {
		return &HostnameError{Name: name}
	}
	for _, label := range strings.Split(name, ".") {
		if len(label) == 0 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return &HostnameError{Name: name}
		}
		for _, r := range label {
			if r != '-' && (r < '0' || r > '9') && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
				return &HostnameError{Name: name}
			}
		}
	}
	return nil
}

// AutoStop says whether create makes a container that stops by itself:
// as the flag says when it was given, else as toolbox.conf's auto_stop.
func (e *Engine) AutoStop(flag *bool) (bool, error) {
	if flag != nil {
		return *flag, nil
	}
	cfg, err := e.LoadConfig()
	if err != nil || cfg.AutoStop == "" {
		return false, err
	}
	return strconv.ParseBool(cfg.AutoStop)
}

// customize adds to the recipe o what req asks for, or refuses it before
// anything is made.
func (e *Engine) customize(o *podman.CreateOptions, req CreateRequest) error {
	if req.Hostname != "" {
		if err := CheckHostname(req.Hostname); err != nil {
			return err
		}
		o.Hostname = req.Hostname
	}
	volumes, err := e.userVolumes(req.Volumes, *o)
	if err != nil {
		return err
	}
	o.Volumes = append(o.Volumes, volumes...)
	if req.AutoStop {
		grace := autoStopGrace
		if v := e.Host.Getenv("TOOLBX_AUTO_STOP_GRACE"); v != "" {
			if n, err := strconv.Atoi(v); err == nil && n > 0 {
				grace = v
			}
		}
		o.Env = append(o.Env, host.AutoStopEnv+"="+grace)
	}
	return nil
}
