package toolbx

import (
	"context"
	"io"

	"github.com/toolbx-go/toolbox/podman"
)

// ExecRequest is a command to run in a ready Toolbx container, as the
// user, in the current directory.
type ExecRequest struct {
	Container   string
	ID          string // the container's ID, from Ready, for passing signals on
	Command     []string
	PreserveFDs uint
	// Env is more of the command's environment, NAME=VALUE, after the
	// variables Toolbx preserves (run and enter --env).
	Env []string
	// Workdir, when not empty, is where the command runs instead of the
	// current directory, with no fallback to $HOME (--workdir).
	Workdir string
	// LoginShell runs the command through `bash --login`, as `run` does.
	LoginShell bool
	// FallbackToBash tries /bin/bash -l when the command is missing, as
	// `enter` does for a $SHELL that the container lacks.
	FallbackToBash bool
	// Stdin, Stdout and Stderr are the command's; InTTY and OutTTY say
	// whether stdin and stdout are terminals (both: a terminal in the
	// container too).
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	InTTY, OutTTY  bool
	// Signals, when not nil, is where SIGINT and SIGTERM are taken from
	// while the command runs, to pass them on to it.
	Signals Signals
	// Around, when not nil, is called before each podman exec, and what
	// it returns after it: enter tells the terminal which container it
	// is in.
	Around func(container string) (after func())
}

// Exec runs req through `podman exec` and maps podman's exit codes to
// Toolbx's: 125 podman failed, 126 not executable, 127 command or
// directory not found (after Toolbx's fallbacks to $HOME and to bash).
// The command's own status other than 0 is an *ExitStatus.
func (e *Engine) Exec(ctx context.Context, req ExecRequest) error {
	h := e.Host
	if h.CwdErr != nil && req.Workdir == "" {
		// The command would run elsewhere: say so, and run nothing.
		return h.CwdErr
	}
	if err := e.prepareIntegrations(ctx); err != nil {
		return err
	}
	workdir := h.Cwd
	triedHome, triedBash := workdir == h.Home, false
	if req.Workdir != "" {
		workdir, triedHome = req.Workdir, true
	}
	command := req.Command
	for {
		code, err := e.execOnce(ctx, req, workdir, command)
		if err != nil {
			return &ExecError{Kind: PodmanExecFailed, Container: req.Container, Err: err}
		}
		switch code {
		case 0:
			return nil
		case 125:
			e.forgetIfStale(ctx, req.Container)
			return &ExecError{Kind: PodmanExecFailed, Container: req.Container}
		case 126:
			if command[0] == "toolbox" {
				// Forwarded to the host, which has said why.
				return &ExitStatus{Code: 126}
			}
			return &ExecError{Kind: NotExecutable, Container: req.Container, Command: command[0]}
		case 127:
		default:
			return &ExitStatus{Code: code}
		}
		if !e.probe(ctx, req.Container, `test -d "$1"`, workdir) {
			if triedHome {
				return &ExecError{Kind: DirectoryNotFound, Container: req.Container, Dir: workdir}
			}
			e.UI.Notify(WorkdirFallback{Dir: workdir, Container: req.Container, Instead: h.Home})
			workdir, triedHome = h.Home, true
			continue
		}
		if e.probe(ctx, req.Container, `command -v "$1"`, command[0]) {
			return &ExitStatus{Code: 127}
		}
		if !req.FallbackToBash || triedBash {
			return &ExecError{Kind: CommandNotFound, Container: req.Container, Command: command[0]}
		}
		e.UI.Notify(CommandFallback{Command: command[0], Container: req.Container, Instead: "/bin/bash"})
		command, triedBash = []string{"/bin/bash", "-l"}, true
	}
}

// execOnce runs one podman exec of command and returns its exit code.
// Meanwhile SIGINT and SIGTERM go to the command, not to podman, and
// nothing is ever killed: the command ends as it likes (a REPL may go on
// after SIGINT), and its status is the result, 128+N when the signal
// ended it. When stdin is not a terminal, podman runs in a process group
// of its own, out of reach of a terminal's Ctrl-C, on which podman exec
// would exit at once; when it is, podman must stay in the terminal's
// foreground group to read it, and a Ctrl-C that made podman exit 1 is
// reported as 128+N.
func (e *Engine) execOnce(ctx context.Context, req ExecRequest, workdir string, command []string) (int, error) {
	if req.Around != nil {
		defer req.Around(req.Container)()
	}
	hostPIDFile, pidFile := e.execPIDFile()
	opts := e.execOptions(req, workdir, pidFile, command)
	opts.Env = append(opts.Env, req.Env...)
	fw := e.startSignalForwarder(hostPIDFile, req.Container, req.ID)
	restore := func() {}
	if req.Signals != nil {
		restore = req.Signals.Divert(fw.signal)
	}
	code, err := e.Podman.Exec(context.WithoutCancel(ctx), opts)
	restore()
	if sig := fw.stop(); sig != 0 && req.InTTY && !opts.TTY && code == 1 {
		code = 128 + int(sig)
	}
	return code, err
}

// execWrapper runs the command ("$@" after the pid file): it writes its
// pid, which exec keeps, for signalForwarder. A pid file that cannot be
// written only costs the passing on of signals.
const execWrapper = `{ echo $$ >"$1"; } 2>/dev/null; shift; exec "$@"`

// execOptions builds the podman exec of SPEC 2.3 step 5. Toolbx wraps the
// command in `capsh --caps= -- [--login] -c 'exec "$@"' bash` to clear the
// capabilities old podman gave a non-root user's exec sessions in
// privileged containers. Podman 3.0 and later (CVE-2021-20188) give them
// none, and root regains all at exec anyway, so this runs bash directly:
// the same login shell, one process fewer, and no capsh in the image.
// Descriptors for --preserve-fds need no plumbing: podman inherits every
// descriptor toolbox inherited, as Go marks only its own close-on-exec.
func (e *Engine) execOptions(req ExecRequest, workdir, pidFile string, command []string) podman.ExecOptions {
	wrapped := []string{"bash"}
	if req.LoginShell {
		wrapped = append(wrapped, "--login")
	}
	wrapped = append(wrapped, "-c", execWrapper, "bash", pidFile)
	return podman.ExecOptions{
		Container:   req.Container,
		Env:         append(e.Host.PreservedEnv(), e.integ.env...),
		Interactive: true,
		TTY:         req.InTTY && req.OutTTY,
		PreserveFDs: req.PreserveFDs,
		User:        e.Host.User,
		Workdir:     workdir,
		Command:     append(wrapped, command...),
		Stdio: podman.Stdio{Stdin: req.Stdin, Stdout: req.Stdout, Stderr: req.Stderr,
			OwnProcessGroup: !req.InTTY},
	}
}

// probe asks the container whether script, given arg, succeeds.
func (e *Engine) probe(ctx context.Context, container, script, arg string) bool {
	code, err := e.Podman.Exec(ctx, podman.ExecOptions{
		Container: container,
		User:      e.Host.User,
		Command:   []string{"sh", "-c", script, "sh", arg},
	})
	return err == nil && code == 0
}

// forgetIfStale drops name's entry point when the name no longer belongs
// to the container remembered, as after a `podman rename` or `podman rm`
// behind toolbox's back: the entry point of the container it remembers
// may still be alive. It is called when podman exec failed, so the next
// call takes the long way and finds out what name is now.
func (e *Engine) forgetIfStale(ctx context.Context, name string) {
	st := e.state()
	pid, id := st.EntryPoint(name)
	if pid == 0 {
		return
	}
	ctr, err := e.Podman.InspectContainer(ctx, name)
	if isNotFound(err) || (err == nil && ctr.ID != id) {
		st.ForgetEntryPoint(name)
	}
}
