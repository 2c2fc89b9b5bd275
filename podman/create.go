package podman

import (
	"context"
	"strings"
)

// CreateOptions describe a Toolbx container for `podman create`.
type CreateOptions struct {
	Name     string
	Image    string
	Hostname string
	// UserNS is "keep-id" for rootless users and "host" for root.
	UserNS  string
	Env     []string // KEY=VALUE
	Volumes []string // SRC:DST[:OPTIONS]
	// PullNever stops podman from pulling a missing image behind our back.
	PullNever bool
	Command   []string // the container's command: toolbox init-container ...
}

// args builds the `podman create` argv, in the order Toolbx uses.
func (o CreateOptions) args() []string {
	args := []string{"create", "--cgroupns", "host", "--dns", "none"}
	for _, e := range o.Env {
		args = append(args, "--env", e)
	}
	args = append(args,
		"--hostname", o.Hostname,
		"--ipc", "host",
		"--label", LabelToolbx+"=true",
		"--mount", "type=devpts,destination=/dev/pts",
		"--name", o.Name,
		"--network", "host",
		"--no-hosts",
		"--pid", "host",
		"--privileged")
	if o.PullNever {
		args = append(args, "--pull", "never")
	}
	args = append(args,
		"--security-opt", "label=disable",
		"--ulimit", "host",
		"--userns", o.UserNS,
		"--user", "root:root")
	for _, v := range o.Volumes {
		args = append(args, "--volume", v)
	}
	args = append(args, "--", o.Image)
	return append(args, o.Command...)
}

// CreateContainer runs `podman create` and returns the new container's ID.
// Exit 125 with "already in use" maps to ErrInUse; with "image not known"
// (only possible with PullNever) to ErrNotFound.
func (c *Client) CreateContainer(ctx context.Context, o CreateOptions) (string, error) {
	out, err := c.output(ctx, o.args()...)
	if err != nil {
		var codes map[int]error
		msg := ""
		if pe := (*Error)(nil); asError(err, &pe) {
			msg = pe.Stderr
		}
		switch {
		case strings.Contains(msg, "already in use"):
			codes = map[int]error{125: ErrInUse}
		case strings.Contains(msg, "image not known") || strings.Contains(msg, "no such image"):
			codes = map[int]error{125: ErrNotFound}
		}
		return "", wrap(err, codes, "create container %s", o.Name)
	}
	return strings.TrimSpace(string(out)), nil
}
