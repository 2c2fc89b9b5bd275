package commands

import (
	"context"
	"fmt"

	"github.com/toolbx-go/toolbox/podman"
)

// execRequest is a command to run in a started Toolbx container.
type execRequest struct {
	container   string
	id          string // the container's ID, for passing signals on
	command     []string
	preserveFDs uint
	// loginShell runs the command through `bash --login`, as `run` does.
	loginShell bool
	// fallbackToBash tries /bin/bash -l when the command is missing, as
	// `enter` does for a $SHELL that the container lacks.
	fallbackToBash bool
	// escapes tells the terminal (VTE, Ptyxis) around each podman exec
	// which container it is in, as `enter` does on a terminal.
	escapes bool
}

// execInContainer runs req through `podman exec` as the user, in the
// current directory, and maps podman's exit codes to Toolbx's errors.
func execInContainer(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, req execRequest) error {
	workdir := h.Cwd
	triedHome, triedBash := workdir == h.Home, false
	command := req.command
	for {
		if req.escapes {
			fmt.Fprintf(stdio.Out, "\033]777;container;push;%s;toolbox;%d\033\\", req.container, h.UID)
		}
		code, err := execOnce(ctx, pm, stdio, h, req, workdir, command)
		if req.escapes {
			fmt.Fprintf(stdio.Out, "\033]777;container;pop;;;%d\033\\", h.UID)
		}
		if err != nil {
			return podmanFailed("failed to invoke 'podman exec' in container "+req.container, err)
		}
		switch code {
		case 0:
			return nil
		case 125:
			forgetIfStale(ctx, pm, h, req.container)
			return exitf(125, "failed to invoke 'podman exec' in container %s", req.container)
		case 126:
			if command[0] == "toolbox" {
				// Forwarded to the host, which has said why.
				return &ExitError{Code: 126}
			}
			return exitf(126, "failed to invoke command %s in container %s", command[0], req.container)
		case 127:
		default:
			return &ExitError{Code: code}
		}
		if !pathPresent(ctx, pm, h, req.container, workdir) {
			if triedHome {
				return exitf(127, "directory %s not found in container %s", workdir, req.container)
			}
			fmt.Fprintf(stdio.Err, "Error: directory %s not found in container %s\n", workdir, req.container)
			fmt.Fprintf(stdio.Err, "Using %s instead.\n", h.Home)
			workdir, triedHome = h.Home, true
			continue
		}
		if commandPresent(ctx, pm, h, req.container, command[0]) {
			return &ExitError{Code: 127}
		}
		if !req.fallbackToBash || triedBash {
			return exitf(127, "command %s not found in container %s", command[0], req.container)
		}
		fmt.Fprintf(stdio.Err, "Error: command %s not found in container %s\n", command[0], req.container)
		fmt.Fprintf(stdio.Err, "Using /bin/bash instead.\n")
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
func execOnce(ctx context.Context, pm *podman.Client, stdio *IO, h *Host, req execRequest, workdir string, command []string) (int, error) {
	hostPIDFile, pidFile := execPIDFile(h)
	opts := execOptions(stdio, h, req, workdir, pidFile, command)
	opts.Stdio.OwnProcessGroup = !stdio.InTTY
	fw := startSignalForwarder(h, hostPIDFile, req.container, req.id)
	restore := stdio.Interrupts.Divert(fw.signal)
	code, err := pm.Exec(context.WithoutCancel(ctx), opts)
	restore()
	if sig := fw.stop(); sig != 0 && stdio.InTTY && !opts.TTY && code == 1 {
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
func execOptions(stdio *IO, h *Host, req execRequest, workdir, pidFile string, command []string) podman.ExecOptions {
	wrapped := []string{"bash"}
	if req.loginShell {
		wrapped = append(wrapped, "--login")
	}
	wrapped = append(wrapped, "-c", execWrapper, "bash", pidFile)
	return podman.ExecOptions{
		Container:   req.container,
		Env:         preservedEnv(h.LookupEnv),
		Interactive: true,
		TTY:         stdio.Interactive(),
		PreserveFDs: req.preserveFDs,
		User:        h.User,
		Workdir:     workdir,
		Command:     append(wrapped, command...),
		Stdio:       podman.Stdio{Stdin: stdio.In, Stdout: stdio.Out, Stderr: stdio.Err},
	}
}

// pathPresent asks the container whether a directory exists.
func pathPresent(ctx context.Context, pm *podman.Client, h *Host, container, dir string) bool {
	return probe(ctx, pm, h, container, `test -d "$1"`, dir)
}

// commandPresent asks the container whether a command exists.
func commandPresent(ctx context.Context, pm *podman.Client, h *Host, container, command string) bool {
	return probe(ctx, pm, h, container, `command -v "$1"`, command)
}

func probe(ctx context.Context, pm *podman.Client, h *Host, container, script, arg string) bool {
	code, err := pm.Exec(ctx, podman.ExecOptions{
		Container: container,
		User:      h.User,
		Command:   []string{"sh", "-c", script, "sh", arg},
	})
	return err == nil && code == 0
}
