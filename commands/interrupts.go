package commands

import (
	"context"
	"os"
	"sync"
	"syscall"
)

// Interrupts receives the SIGINT and SIGTERM that toolbox gets. Normally
// they cancel the command's context, which stops podman's queries and the
// waits for a container. While the user's command runs in a container
// they are diverted to it instead (see signalForwarder), so that it ends,
// or handles them, as it would outside a container.
type Interrupts struct {
	mu     sync.Mutex
	cancel context.CancelFunc
	divert func(os.Signal)
	// cancelled is the signal that cancelled the context, if one did.
	cancelled syscall.Signal
}

// NewInterrupts returns Interrupts that call cancel.
func NewInterrupts(cancel context.CancelFunc) *Interrupts {
	return &Interrupts{cancel: cancel}
}

// Deliver handles one signal.
func (i *Interrupts) Deliver(sig os.Signal) {
	i.mu.Lock()
	divert := i.divert
	i.mu.Unlock()
	if divert != nil {
		divert(sig)
		return
	}
	if s, ok := sig.(syscall.Signal); ok {
		i.mu.Lock()
		if i.cancelled == 0 {
			i.cancelled = s
		}
		i.mu.Unlock()
	}
	i.cancel()
}

// ExitCode is 128+N when signal N cancelled the context, as a shell
// reports a process that the signal ended; 0 when none did.
func (i *Interrupts) ExitCode() int {
	if i == nil {
		return 0
	}
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.cancelled == 0 {
		return 0
	}
	return 128 + int(i.cancelled)
}

// Divert sends every signal to f until the returned function is called.
// It is safe on nil Interrupts (tests, no signal handling), where it does
// nothing.
func (i *Interrupts) Divert(f func(os.Signal)) (restore func()) {
	if i == nil {
		return func() {}
	}
	i.mu.Lock()
	i.divert = f
	i.mu.Unlock()
	return func() {
		i.mu.Lock()
		i.divert = nil
		i.mu.Unlock()
	}
}
