package commands

import (
	"errors"
	"log/slog"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// wordIntegration words the failures of the host's integrations (NVIDIA's
// CDI) as Toolbx does; the cause goes to the debug log.
func wordIntegration(err error) (error, bool) {
	var nv *toolbx.NVIDIAFailed
	switch {
	case errors.Is(err, toolbx.ErrNVMLMismatch):
		return errors.New("the proprietary NVIDIA driver's kernel and user space don't match\n" +
			"Check the host operating system and systemd journal."), true
	case errors.As(err, &nv):
		slog.Debug("Generating Container Device Interface for NVIDIA failed", "err", nv.Err)
		return errors.New("failed to " + nv.Op), true
	}
	return nil, false
}
