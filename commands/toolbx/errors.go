package toolbx

import (
	"errors"
	"fmt"

	"github.com/toolbx-go/toolbox/podman"
)

// constError is the type of the model's sentinels: constants, so nothing
// can change them.
type constError string

func (e constError) Error() string { return string(e) }

// isNotFound says whether podman said there is no such object.
func isNotFound(err error) bool { return errors.Is(err, podman.ErrNotFound) }

// The model returns these typed errors and commands words them as Toolbx
// does; what podman said stays in Err, for commands to relay.

// Op is an operation on podman's objects that failed.
type Op int

// The operations of Failed.
const (
	InspectContainer Op = iota
	InspectImage
	StartContainer
	CreateContainer
	PullImage
	ListContainers
	ListImages
	RemoveContainer
	RemoveImage
	InitializeContainer // the entry point did not finish in time, or died
	EntryPointPID       // a started container has no entry point
	CreateRuntimeDir
	StopContainer
)

// Failed is Op on Object failing; Err says why, podman's *Error among it.
type Failed struct {
	Op     Op
	Object string
	Err    error
}

func (e *Failed) Error() string { return fmt.Sprintf("op %d on %s: %v", e.Op, e.Object, e.Err) }
func (e *Failed) Unwrap() error { return e.Err }

func failed(op Op, object string, err error) error { return &Failed{Op: op, Object: object, Err: err} }

// Interrupted is an operation that SIGINT or SIGTERM stopped.
type Interrupted struct {
	Op     Op
	Object string
}

func (e *Interrupted) Error() string { return fmt.Sprintf("op %d on %s: interrupted", e.Op, e.Object) }

// NotFound is a container that does not exist.
type NotFound struct{ Container string }

func (e *NotFound) Error() string { return "no such container: " + e.Container }

// Exists is a container name that is taken. Default says whether it is
// the default container, which `toolbox enter` enters without a name.
type Exists struct {
	Container string
	Default   bool
}

func (e *Exists) Error() string { return "container exists: " + e.Container }

// TooOld is a container made before Toolbx 0.0.97, whose entry point is
// not toolbox.
type TooOld struct{ Container string }

func (e *TooOld) Error() string { return "container too old: " + e.Container }

// NotToolbx is a container or image without Toolbx's label.
type NotToolbx struct {
	Name  string
	Image bool
}

func (e *NotToolbx) Error() string { return e.Name + " is not a Toolbx object" }

// InUse is a running container, or an image that containers use.
type InUse struct {
	Name  string
	Image bool
}

func (e *InUse) Error() string { return e.Name + " is in use" }

// EntryPointError is the entry point's own error, from its log.
type EntryPointError struct {
	Container string
	Lines     []string
}

func (e *EntryPointError) Error() string {
	return fmt.Sprintf("entry point of %s: %q", e.Container, e.Lines)
}

// ExecKind says what kept the user's command from running.
type ExecKind int

// The kinds of ExecError.
const (
	PodmanExecFailed  ExecKind = iota // 125, or podman could not run
	NotExecutable                     // 126
	CommandNotFound                   // 127
	DirectoryNotFound                 // 127
)

// ExecError is the user's command that did not run in Container.
type ExecError struct {
	Kind      ExecKind
	Container string
	Command   string // CommandNotFound, NotExecutable
	Dir       string // DirectoryNotFound
	Err       error  // PodmanExecFailed: why podman could not run
}

func (e *ExecError) Error() string { return fmt.Sprintf("exec kind %d in %s", e.Kind, e.Container) }
func (e *ExecError) Unwrap() error { return e.Err }

// ExitCode is the exit code of an ExecError.
func (e *ExecError) ExitCode() int {
	switch e.Kind {
	case NotExecutable:
		return 126
	case CommandNotFound, DirectoryNotFound:
		return 127
	}
	return 125
}

// ExitStatus is the user's command ending with a status other than 0:
// toolbox has nothing to add, the command said what it had to (or, for
// toolbox itself in the container, the host did).
type ExitStatus struct{ Code int }

func (e *ExitStatus) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// MigrateFailed is `podman system migrate` failing: Runtime is the OCI
// runtime it migrated to, "" after a podman upgrade.
type MigrateFailed struct {
	Runtime string
	Err     error
}

func (e *MigrateFailed) Error() string { return "podman system migrate: " + e.Err.Error() }
func (e *MigrateFailed) Unwrap() error { return e.Err }

// CgroupsUnsupported is a container that fails to start after being
// migrated to the OCI runtime for the host's cgroups.
type CgroupsUnsupported struct {
	Container string
	Version   int
}

func (e *CgroupsUnsupported) Error() string {
	return fmt.Sprintf("container %s does not support cgroups v%d", e.Container, e.Version)
}

// StateError is toolbox failing to keep its state (the migration stamp
// and lock, the runtime directory).
type StateError struct {
	What string // "lock", "stamp"
	Err  error
}

func (e *StateError) Error() string { return e.What + ": " + e.Err.Error() }
func (e *StateError) Unwrap() error { return e.Err }
