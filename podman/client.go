package podman

import (
	"bytes"
	"context"
	"fmt"
)

// Sentinels that callers branch on. Wrapped errors keep podman's *Error.
const (
	ErrNotFound = constError("not found")
	ErrInUse    = constError("in use")
	ErrRunning  = constError("running")
	// ErrNotInstalled means podman(1) is not on PATH.
	ErrNotInstalled = constError("podman(1) not found")
	// ErrNoSkopeo means skopeo(1) is not installed, or the Runner cannot
	// run it.
	ErrNoSkopeo = constError("skopeo(1) not found")
)

// constError is the type of the sentinels: constants, so nothing can
// change them.
type constError string

func (e constError) Error() string { return string(e) }

// Client runs podman verbs. It is safe for concurrent use.
type Client struct {
	runner   Runner
	logLevel string
}

// New returns a Client that runs podman through r and passes logLevel to
// podman's own --log-level.
func New(r Runner, logLevel string) *Client {
	if logLevel == "" {
		logLevel = "error"
	}
	return &Client{runner: r, logLevel: logLevel}
}

// run runs one podman verb; the log level is added here and nowhere else.
// Every verb that takes a container or image name puts "--" before it, so
// that a name the user gave is never read as one of podman's options
// (`toolbox rm -- -l` must not become `podman rm -l`, the latest container).
func (c *Client) run(ctx context.Context, s Stdio, args ...string) error {
	return c.runner.Run(ctx, append([]string{"--log-level", c.logLevel}, args...), s)
}

// output runs a podman verb and returns its standard output.
func (c *Client) output(ctx context.Context, args ...string) ([]byte, error) {
	var out bytes.Buffer
	err := c.run(ctx, Stdio{Stdout: &out}, args...)
	return out.Bytes(), err
}

// wrap gives err the context of the verb that failed and maps podman's exit
// codes to sentinels through codes.
func wrap(err error, codes map[int]error, format string, a ...any) error {
	if err == nil {
		return nil
	}
	msg := fmt.Sprintf(format, a...)
	if sentinel, ok := codes[exitCode(err)]; ok {
		return fmt.Errorf("%s: %w: %w", msg, sentinel, err)
	}
	return fmt.Errorf("%s: %w", msg, err)
}
