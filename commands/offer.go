package commands

import (
	"context"
	"fmt"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// offerToCreate is Toolbx's answer to `enter` (and here `run`) finding no
// Toolbx containers at all: ask, unless -y, and create sel.Container
// quietly, pulling its image the way `create` does. It returns false when
// the user declined, after saying how to create a container later.
func offerToCreate(ctx context.Context, e *toolbx.Engine, stdio *IO, sel toolbx.Selection) (bool, error) {
	if !stdio.AssumeYes {
		ok, err := stdio.askUntilAnswered(ctx, "No Toolbx containers found. Create now? [y/N] ")
		if err != nil {
			return false, err
		}
		if !ok {
			fmt.Fprintln(stdio.Out, "A container can be created later with the 'create' command.")
			fmt.Fprintln(stdio.Out, usageHint)
			return false, nil
		}
	}
	if err := e.Create(ctx, sel, createRequest(stdio, "")); err != nil {
		return false, err
	}
	return true, nil
}
