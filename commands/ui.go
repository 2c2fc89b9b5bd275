package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// Notify implements toolbx.UI: what happened on the way, on stderr.
func (s *IO) Notify(n toolbx.Notice) {
	switch n := n.(type) {
	case toolbx.DeprecatedFeatures:
		fmt.Fprintf(s.Err, "Warning: container %s uses deprecated features\n"+
			"Consider recreating it with Toolbx version 0.0.97 or newer.\n", n.Container)
	case toolbx.WorkdirFallback:
		fmt.Fprintf(s.Err, "Error: directory %s not found in container %s\nUsing %s instead.\n", n.Dir, n.Container, n.Instead)
	case toolbx.CommandFallback:
		fmt.Fprintf(s.Err, "Error: command %s not found in container %s\nUsing %s instead.\n", n.Command, n.Container, n.Instead)
	case toolbx.ExportsRemoved:
		reportExportsRemoved(s, n)
	}
}

// ConfirmPull implements toolbx.UI: yes with -y; otherwise the question,
// which needs a terminal.
func (s *IO) ConfirmPull(ctx context.Context, image string, size func() string) (bool, error) {
	if s.AssumeYes {
		return true, nil
	}
	if !s.Interactive() {
		return false, errors.New("image required to create Toolbx container.\n" +
			"Use option '--assumeyes' to download the image.\n" + usageHint)
	}
	fmt.Fprintln(s.Out, "Image required to create Toolbx container.")
	prompt := fmt.Sprintf("Download %s? [y/N]: ", image)
	if sz := size(); sz != "" {
		prompt = fmt.Sprintf("Download %s (%s)? [y/N]: ", image, sz)
	}
	return s.askUntilAnswered(ctx, prompt)
}

// interrupted is the error of a command stopped by SIGINT or SIGTERM:
// exit status 130, as a shell reports a process that SIGINT ended.
func interrupted(msg string) error {
	return &ExitError{Code: 130, Err: errors.New(msg)}
}

// askUntilAnswered prints prompt and reads a line until the answer is yes,
// no or empty (no), as Toolbx's questions do; end of input is no. It gives
// up with an error when ctx is done (Ctrl-C).
func (s *IO) askUntilAnswered(ctx context.Context, prompt string) (bool, error) {
	for {
		if ctx.Err() != nil {
			return false, interrupted("interrupted")
		}
		fmt.Fprint(s.Out, prompt)
		line, err := readLine(ctx, s.In)
		if ctx.Err() != nil {
			fmt.Fprintln(s.Out)
			return false, interrupted("interrupted")
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "y", "yes":
			return true, nil
		case "", "n", "no":
			return false, nil
		}
		if err != nil {
			return false, nil
		}
	}
}

// readLine reads one line from in, a byte at a time so that nothing past
// the line is taken from a pipe, and stops waiting when ctx is done. The
// read then goes on in the background until the process exits.
func readLine(ctx context.Context, in io.Reader) (string, error) {
	type result struct {
		line string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		var line []byte
		b := make([]byte, 1)
		for {
			n, err := in.Read(b)
			if n == 1 && b[0] == '\n' {
				done <- result{string(line), nil}
				return
			}
			line = append(line, b[:n]...)
			if err != nil {
				done <- result{string(line), err}
				return
			}
		}
	}()
	select {
	case r := <-done:
		return r.line, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
