package podman

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
)

// Container is what toolbox needs to know of a container, from either
// `podman ps --format json` or `podman inspect --type container`.
type Container struct {
	ID      string
	Names   []string
	Image   string // the image name as the user gave it
	ImageID string
	Created time.Time
	State   string // created, running, exited, ...
	Status  string // human text such as "Up 5 minutes"
	Labels  map[string]string
	Pid     int
	Cmd     []string // the container's command; Cmd[0] is "toolbox" for Toolbx containers
	Mounts  []Mount
	Env     []string
}

// Mount is one mount of an inspected container.
type Mount struct {
	Type        string
	Source      string
	Destination string
}

// Name returns the container's first name.
func (c Container) Name() string {
	if len(c.Names) == 0 {
		return ""
	}
	return c.Names[0]
}

// Running says whether the container is running.
func (c Container) Running() bool { return c.State == "running" }

// Toolbx labels: the current one and the one from before the rename.
const (
	LabelToolbx       = "com.github.containers.toolbox"
	LabelToolbxLegacy = "com.github.debarshiray.toolbox"
)

// IsToolbx says whether labels mark a Toolbx container or image.
func IsToolbx(labels map[string]string) bool {
	return labels[LabelToolbx] == "true" || labels[LabelToolbxLegacy] == "true"
}

// rawContainer covers both JSON shapes. Field matching is case-insensitive,
// so podman 1.x's lower-case keys land here too.
type rawContainer struct {
	ID        string          `json:"Id"`
	Names     json.RawMessage // []string since podman 2.0, a string in 1.x
	Name      string          // inspect
	Image     string          // ps
	ImageName string          // inspect
	ImageID   string
	CreatedAt string          // ps: "5 minutes ago" since 2.0; RFC 3339 in 1.x
	Created   json.RawMessage // ps: Unix seconds since 2.0; inspect: RFC 3339
	State     json.RawMessage // ps: a string; inspect: an object
	Status    string          // ps 2.0+: "Up 5 minutes"; 1.x: the state
	Labels    map[string]string
	Pid       int
	Mounts    json.RawMessage // ps: []string; inspect: []Mount
	Config    *struct {
		Cmd    []string
		Labels map[string]string
		Env    []string
	}
}

type rawState struct {
	Status string
	Pid    int
}

// UnmarshalJSON accepts the output of both `ps` and `inspect`.
func (c *Container) UnmarshalJSON(data []byte) error {
	var r rawContainer
	if err := json.Unmarshal(data, &r); err != nil {
		return err
	}
	*c = Container{ID: r.ID, Image: r.Image, ImageID: r.ImageID, Status: r.Status, Labels: r.Labels, Pid: r.Pid}
	c.Names = stringOrList(r.Names)
	if len(c.Names) == 0 && r.Name != "" {
		c.Names = []string{r.Name}
	}
	if r.ImageName != "" {
		c.Image = r.ImageName
	}
	c.Created = parseCreated(r.Created, r.CreatedAt)
	c.State, c.Pid = parseState(r.State, r.Status, r.Pid)
	if r.Config != nil {
		c.Cmd, c.Env = r.Config.Cmd, r.Config.Env
		if c.Labels == nil {
			c.Labels = r.Config.Labels
		}
	}
	var mounts []Mount
	if json.Unmarshal(r.Mounts, &mounts) == nil {
		c.Mounts = mounts
	}
	return nil
}

// parseState reads State as ps's string or inspect's object. Podman 1.x's
// ps had no State, only a Status like "running".
func parseState(raw json.RawMessage, status string, pid int) (string, int) {
	var s string
	if json.Unmarshal(raw, &s) == nil && s != "" {
		return strings.ToLower(s), pid
	}
	var st rawState
	if json.Unmarshal(raw, &st) == nil && st.Status != "" {
		return strings.ToLower(st.Status), st.Pid
	}
	return strings.ToLower(status), pid
}

// stringOrList decodes a JSON string or list of strings.
func stringOrList(raw json.RawMessage) []string {
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return list
	}
	var s string
	if json.Unmarshal(raw, &s) == nil && s != "" {
		return strings.Split(s, ",")
	}
	return nil
}

// parseCreated reads a Unix time number or an RFC 3339 string.
func parseCreated(raw json.RawMessage, createdAt string) time.Time {
	var secs int64
	if json.Unmarshal(raw, &secs) == nil && secs != 0 {
		return time.Unix(secs, 0)
	}
	var s string
	if json.Unmarshal(raw, &s) != nil || s == "" {
		s = createdAt
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t
	}
	// podman 1.x ps: "2020-01-02 15:04:05.999999999 -0700 MST"
	if t, err := time.Parse("2006-01-02 15:04:05.999999999 -0700 MST", s); err == nil {
		return t
	}
	return time.Time{}
}

// ListContainers runs `podman ps --all --format json` and returns every
// container; callers filter Toolbx ones with IsToolbx.
func (c *Client) ListContainers(ctx context.Context) ([]Container, error) {
	out, err := c.output(ctx, "ps", "--all", "--format", "json")
	if err != nil {
		return nil, fmt.Errorf("list containers: %w", err)
	}
	var list []Container
	if err := json.Unmarshal(out, &list); err != nil {
		return nil, fmt.Errorf("list containers: decode: %w", err)
	}
	return list, nil
}

// InspectContainer runs `podman inspect --type container NAME`; podman
// exits 125 for a missing container.
func (c *Client) InspectContainer(ctx context.Context, name string) (Container, error) {
	out, err := c.output(ctx, "inspect", "--format", "json", "--type", "container", "--", name)
	if err != nil {
		return Container{}, wrap(err, noSuchObject(err), "inspect container %s", name)
	}
	var list []Container
	if err := json.Unmarshal(out, &list); err != nil {
		return Container{}, fmt.Errorf("inspect container %s: decode: %w", name, err)
	}
	if len(list) == 0 {
		return Container{}, fmt.Errorf("inspect container %s: %w", name, ErrNotFound)
	}
	return list[0], nil
}

// ContainerExists runs `podman container exists NAME`: exit 1 means absent.
func (c *Client) ContainerExists(ctx context.Context, name string) (bool, error) {
	err := c.run(ctx, Stdio{}, "container", "exists", "--", name)
	if exitCode(err) == 1 {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("container exists %s: %w", name, err)
	}
	return true, nil
}

// StartContainer runs `podman start NAME`.
func (c *Client) StartContainer(ctx context.Context, name string) error {
	err := c.run(ctx, Stdio{}, "start", "--", name)
	return wrap(err, noSuchObject(err), "start container %s", name)
}

// RemoveContainer runs `podman rm [--force] NAME`: exit 1 means no such
// container, exit 2 that it is running (podman-rm(1)).
func (c *Client) RemoveContainer(ctx context.Context, name string, force bool) error {
	args := []string{"rm"}
	if force {
		args = append(args, "--force")
	}
	err := c.run(ctx, Stdio{}, append(args, "--", name)...)
	return wrap(err, map[int]error{1: ErrNotFound, 2: ErrRunning}, "remove container %s", name)
}

// Logs runs `podman logs [--since TIME] NAME` and writes the container's
// output, stdout and stderr interleaved as podman prints them, to w.
func (c *Client) Logs(ctx context.Context, name string, since time.Time, w io.Writer) error {
	args := []string{"logs"}
	if !since.IsZero() {
		args = append(args, "--since", since.Format(time.RFC3339Nano))
	}
	err := c.run(ctx, Stdio{Stdout: w, Stderr: w}, append(args, "--", name)...)
	return wrap(err, nil, "logs of container %s", name)
}

// noSuchObject maps podman's exit 125 to ErrNotFound when its message says
// the object does not exist; 125 also covers every other failure.
func noSuchObject(err error) map[int]error {
	var pe *Error
	if !errors.As(err, &pe) {
		return nil
	}
	msg := strings.ToLower(pe.Stderr)
	for _, s := range []string{"no such container", "no such image", "no such object", "no container with name or id", "image not known"} {
		if strings.Contains(msg, s) {
			return map[int]error{125: ErrNotFound}
		}
	}
	return nil
}

// StopLabelled runs `podman stop --filter label=LABEL=true --filter
// name=^NAME$ --`: it stops container name only when it has the label, and
// says whether it did. podman prints the ID of each container it stopped,
// running or not, and nothing, with exit 0, when none matched; the name
// is a regular expression to podman, quoted here, and never an argument.
func (c *Client) StopLabelled(ctx context.Context, name, label string) (bool, error) {
	out, err := c.output(ctx, "stop", "--filter", "label="+label+"=true",
		"--filter", "name=^"+regexp.QuoteMeta(name)+"$", "--")
	if err != nil {
		return false, fmt.Errorf("stop container %s: %w", name, err)
	}
	return strings.TrimSpace(string(out)) != "", nil
}

// StopContainer runs `podman stop NAME`; podman exits 125 for a missing
// container, and 0 for one that is not running.
func (c *Client) StopContainer(ctx context.Context, name string) error {
	err := c.run(ctx, Stdio{}, "stop", "--", name)
	return wrap(err, noSuchObject(err), "stop container %s", name)
}
