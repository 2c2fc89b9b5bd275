package commands

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/toolbx-go/toolbox/commands/toolbx"
	"github.com/toolbx-go/toolbox/podman"
)

// wordExport words what kept `toolbox export` from exporting or
// deleting; nothing was written then.
func wordExport(err error) (error, bool) {
	var x *toolbx.ExportError
	if !errors.As(err, &x) {
		return nil, false
	}
	const force = "Use option '--force' to replace it."
	switch x.Kind {
	case toolbx.AppNotFound:
		return fmt.Errorf("application %s not found in container %s\n"+
			"Give its desktop file ID, as in /usr/share/applications/ID.desktop, or its program's name.", x.Name, x.Container), true
	case toolbx.ProgramNotFound:
		return fmt.Errorf("program %s not found in container %s", x.Name, x.Container), true
	case toolbx.NoExec:
		return fmt.Errorf("desktop file %s in container %s cannot be exported: %v", x.Path, x.Container, x.Err), true
	case toolbx.FileTaken:
		if x.Owner != "" {
			return fmt.Errorf("file %s is an export of container %s\n%s", x.Path, x.Owner, force), true
		}
		return fmt.Errorf("file %s already exists\n%s", x.Path, force), true
	case toolbx.TargetUnwritable:
		return fmt.Errorf("failed to write %s: %v", x.Path, pathReason(x.Err)), true
	case toolbx.NotExported:
		return fmt.Errorf("%s is not exported from container %s", x.Name, x.Container), true
	case toolbx.ReadFailed:
		msg := "failed to read the files of container " + x.Container
		if isPodmanError(x.Err) {
			return podmanFailed(msg, x.Err), true
		}
		return fmt.Errorf("%s\n%v", msg, x.Err), true
	}
	return fmt.Errorf("failed to keep the record of exports in %s: %v", x.Path, pathReason(x.Err)), true
}

// isPodmanError says whether podman itself failed, or is missing.
func isPodmanError(err error) bool {
	var pe *podman.Error
	return errors.As(err, &pe) || errors.Is(err, podman.ErrNotInstalled)
}

// pathReason is err without the path and operation, which the message
// names already.
func pathReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
