package commands

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

// ExecInside is the hidden `toolbox __exec`, which `enter` and `run` start
// inside the container through `podman exec`, from the host's binary at
// /run/host. It does what `capsh --caps= -- [--login] -c 'exec "$@"' bash`
// does for Toolbx, without needing capsh in the image: drop every
// capability, then run the command through bash, as a login shell for run.
type ExecInside struct {
	Login   bool     `name:"login" help:"Run the command in a login shell."`
	Command []string `arg:"" passthrough:"partial" name:"command" help:"The command to run, with its arguments."`
}

// Run implements the command; on success it does not return.
func (c *ExecInside) Run() error {
	argv, err := c.shellArgv()
	if err != nil {
		return err
	}
	// Capabilities belong to threads: drop them on the thread that execs.
	runtime.LockOSThread()
	if err := dropCapabilities(); err != nil {
		return fmt.Errorf("failed to drop capabilities: %w", err)
	}
	shell := "/bin/bash"
	if _, err := os.Stat(shell); err != nil {
		shell = "/bin/sh"
	}
	err = syscall.Exec(shell, argv, os.Environ())
	return &ExitError{Code: 126, Err: fmt.Errorf("failed to run %s: %w", shell, err)}
}

// shellArgv is the shell's argv that runs the command, as capsh's
// `[--login] -c 'exec "$@"' bash COMMAND...` does.
func (c *ExecInside) shellArgv() ([]string, error) {
	command := c.Command
	if len(command) > 0 && command[0] == "--" {
		command = command[1:]
	}
	if len(command) == 0 {
		return nil, UsageErrorf("missing argument for \"__exec\"")
	}
	argv := []string{"bash"}
	if c.Login {
		argv = append(argv, "-l") // bash and sh both take -l
	}
	argv = append(argv, "-c", `exec "$@"`, "bash")
	return append(argv, command...), nil
}

// dropCapabilities empties the effective, permitted, inheritable and
// ambient sets, as capsh --caps= does.
func dropCapabilities() error {
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if err := unix.Capset(&hdr, &data[0]); err != nil {
		return err
	}
	err := unix.Prctl(unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
	if errors.Is(err, unix.EINVAL) { // kernels before 4.3 have no ambient set
		return nil
	}
	return err
}
