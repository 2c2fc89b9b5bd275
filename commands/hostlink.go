package commands

import (
	"errors"
	"fmt"

	"github.com/toolbx-go/toolbox/hostlink"
)

// checkHostLink makes sure /run/host leads to / on the host, which the
// binary's dynamic linker path needs inside and outside containers.
func checkHostLink(h *Host) error {
	err := hostlink.Check(h.Root)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, hostlink.ErrMissing), errors.Is(err, hostlink.ErrWrongTarget):
		return fmt.Errorf("%s\n"+
			"Toolbx needs /run/host to be a symbolic link to / on the host. Create it with:\n"+
			"  sudo systemd-tmpfiles --create %s\n"+
			"or, without systemd-tmpfiles: sudo ln -sfn ../ /run/host", err, hostlink.RuleFile)
	case errors.Is(err, hostlink.ErrNotLink):
		return fmt.Errorf("%s\n"+
			"Toolbx needs /run/host to be a symbolic link to / on the host, and will not replace\n"+
			"what is there. Move it away, then run: sudo ln -s ../ /run/host", err)
	}
	return fmt.Errorf("failed to check /run/host: %w", err)
}
