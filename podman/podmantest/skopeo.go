package podmantest

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/toolbx-go/toolbox/podman"
)

// RunSkopeo implements podman.SkopeoRunner. A skopeo call is scripted and
// recorded like a podman one, with "skopeo" as its first argument:
// Call{Args: []string{"skopeo", "inspect", "--raw", "docker://IMAGE"}}.
func (r *Runner) RunSkopeo(_ context.Context, args []string, s podman.Stdio) error {
	r.t.Helper()
	argv := append([]string{"skopeo"}, args...)
	c, ok := r.answer("", argv)
	if !ok {
		return fmt.Errorf("podmantest: unexpected call %s", strings.Join(argv, " "))
	}
	if s.Stdout != nil && c.Stdout != "" {
		io.WriteString(s.Stdout, c.Stdout)
	}
	switch {
	case c.Err != nil:
		return c.Err
	case c.Exit != 0:
		return &podman.SkopeoError{Args: slices.Clone(args), ExitCode: c.Exit, Stderr: c.Stderr}
	}
	return nil
}

var _ podman.SkopeoRunner = (*Runner)(nil)
