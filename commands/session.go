package commands

import (
	"context"
	"errors"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// session is what run and enter share: the command line's container,
// --workdir and --env, and what to do when the container is missing.
type session struct {
	sel     toolbx.SelectRequest
	workdir string
	env     []string
	// missing decides what a missing container becomes: the container to
	// use instead, "" (with no error) when there is nothing to run in.
	missing func(toolbx.Selection) (string, error)
}

// execIn checks the directory and --env first (a directory that is gone
// is an error, before any container is started), selects the container,
// makes it ready, holds its session for as long as req runs, and runs req
// there.
func execIn(ctx context.Context, e *toolbx.Engine, stdio *IO, s session, req toolbx.ExecRequest) error {
	workdir, env, err := e.ExecSettings(s.workdir, s.env)
	if err != nil {
		return err
	}
	if err := e.CheckHostLink(); err != nil {
		return err
	}
	sel, err := e.Select(s.sel)
	if err != nil {
		return err
	}
	target := sel.Container
	id, err := e.Ready(ctx, target)
	if nf := (*toolbx.NotFound)(nil); errors.As(err, &nf) {
		if target, err = s.missing(sel); target == "" || err != nil {
			return err
		}
		id, err = e.Ready(ctx, target)
	}
	if err != nil {
		return err
	}
	id, release, err := e.HoldSession(ctx, target, id)
	if err != nil {
		return err
	}
	defer release()
	req.Container, req.ID, req.Workdir, req.Env = target, id, workdir, env
	return e.Exec(ctx, execRequest(stdio, req))
}
