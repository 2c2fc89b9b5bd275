package toolbx

import (
	"context"
	"os"
)

// UI is how the model talks to the user; commands implements it and owns
// every word. The model never prints.
type UI interface {
	// Notify tells of something that happened on the way, and goes on.
	Notify(n Notice)
	// ConfirmPull says whether to download image: yes for -y, else the
	// user's answer, with its size (size() asks the registry, "" when
	// it does not tell) in the question. An error (no terminal to ask
	// on, Ctrl-C) stops the creation.
	ConfirmPull(ctx context.Context, image string, size func() string) (bool, error)
}

// Notice is something the user is told on the way.
type Notice interface{ notice() }

// DeprecatedFeatures is a container made by Toolbx before 0.0.97, which
// still works.
type DeprecatedFeatures struct{ Container string }

// WorkdirFallback is the working directory missing in the container: the
// command runs in Instead.
type WorkdirFallback struct{ Dir, Container, Instead string }

// CommandFallback is the command (the user's shell) missing in the
// container: Instead runs.
type CommandFallback struct{ Command, Container, Instead string }

func (DeprecatedFeatures) notice() {}
func (WorkdirFallback) notice()    {}
func (CommandFallback) notice()    {}

// Signals diverts the SIGINT and SIGTERM that toolbox gets to f until
// the returned function is called: to the command in a container, while
// it runs.
type Signals interface {
	Divert(f func(os.Signal)) (restore func())
}
