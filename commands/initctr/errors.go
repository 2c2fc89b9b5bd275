package initctr

// Step is what init-container was doing when it failed; commands words
// each one as Toolbx does.
type Step int

// The steps that can fail.
const (
	CreateMarker       Step = iota // Path
	RemoveForLink                  // Path
	RedirectMountPoint             // Path, Target: Path is a mount point
	Redirect                       // Path, Target
	WriteTimezone
	CreateDirectory // Path
	Bind            // Path, Target (the source)
	HideSELinux
	ConfigureRPM
	ConfigureKerberos
	AddUser    // User, UID
	ModifyUser // User, UID
	DeleteRootPassword
	WriteSudoers
	CreateRuntimeDir // Path
	ChownRuntimeDir  // Path
	CreateStamp      // Path
	ChownStamp       // Path
	WriteHosts       // Path
)

// Error is a step of init-container that failed.
type Error struct {
	Step         Step
	Path, Target string
	User         string
	UID          int
	Err          error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return "init-container: step " + e.Path
	}
	return "init-container: " + e.Path + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

const (
	// ErrOutside is init-container run outside a container.
	ErrOutside = constError("not inside a container")
	// ErrNoSudoGroup is an image with neither a sudo nor a wheel group.
	ErrNoSudoGroup = constError("group for sudo not found")
)

// constError is the type of the sentinels: constants, so nothing can
// change them.
type constError string

func (e constError) Error() string { return string(e) }

// FailRequested is TOOLBX_FAIL_ENTRY_POINT, a test hook, set to Level.
type FailRequested struct{ Level int }

func (e *FailRequested) Error() string { return "TOOLBX_FAIL_ENTRY_POINT is set" }
