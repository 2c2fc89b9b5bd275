package podman

import (
	"context"
	"errors"
	"fmt"
	"strconv"
)

// ExecOptions describe a `podman exec` into a Toolbx container.
type ExecOptions struct {
	Container   string
	Env         []string // KEY=VALUE, passed as --env=KEY=VALUE
	Interactive bool
	TTY         bool
	PreserveFDs uint
	User        string
	Workdir     string
	Command     []string
	Stdio       Stdio
}

// args builds the `podman exec` argv. Detach keys are off so that no key
// sequence is swallowed by podman.
func (o ExecOptions) args() []string {
	args := []string{"exec", "--detach-keys", ""}
	for _, e := range o.Env {
		args = append(args, "--env="+e)
	}
	if o.Interactive {
		args = append(args, "--interactive")
	}
	if o.PreserveFDs > 0 {
		args = append(args, "--preserve-fds", strconv.FormatUint(uint64(o.PreserveFDs), 10))
	}
	if o.TTY {
		args = append(args, "--tty")
	}
	if o.User != "" {
		args = append(args, "--user", o.User)
	}
	if o.Workdir != "" {
		args = append(args, "--workdir", o.Workdir)
	}
	args = append(args, "--", o.Container)
	return append(args, o.Command...)
}

// Exec runs `podman exec` and returns its exit code: the command's own, or
// 125 (podman failed), 126 (not executable), 127 (not found), as in
// podman-exec(1). err is set only when podman could not run at all.
func (c *Client) Exec(ctx context.Context, o ExecOptions) (int, error) {
	err := c.run(ctx, o.Stdio, o.args()...)
	var pe *Error
	switch {
	case err == nil:
		return 0, nil
	case errors.As(err, &pe):
		return pe.ExitCode, nil
	default:
		return -1, fmt.Errorf("exec in container %s: %w", o.Container, err)
	}
}
