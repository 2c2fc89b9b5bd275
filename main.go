// Since Go 1.25 GOMAXPROCS follows the cgroup's CPU limit, and the runtime
// keeps checking it in the background. toolbox mostly waits for podman and
// has no use for that.
//go:debug containermaxprocs=0
//go:debug updatemaxprocs=0

// Command toolbox creates and enters interactive development containers
// through podman; a drop-in reimplementation of Toolbx.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/alecthomas/kong"
	"golang.org/x/term"

	"github.com/toolbx-go/toolbox/commands"
	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/commands/toolbx"
	"github.com/toolbx-go/toolbox/podman"
)

func main() {
	stdio := &commands.IO{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
	}
	ctx, interrupts := notifyInterrupts(context.Background())
	stdio.Interrupts = interrupts
	os.Exit(run(ctx, os.Args[1:], stdio, os.LookupEnv, podman.ExecRunner{Log: os.Stderr}))
}

// notifyInterrupts returns a context that SIGINT or SIGTERM cancel, as
// signal.NotifyContext does, unless the command diverts them (to the
// command it runs in a container) through the returned Interrupts.
func notifyInterrupts(parent context.Context) (context.Context, *commands.Interrupts) {
	ctx, cancel := context.WithCancel(parent)
	interrupts := commands.NewInterrupts(cancel)
	signals := make(chan os.Signal, 8)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		for sig := range signals {
			interrupts.Deliver(sig)
		}
	}()
	return ctx, interrupts
}

// run parses args, runs the command and returns the exit code. Every error
// ends here and is printed once, as "Error: ...".
func run(ctx context.Context, args []string, stdio *commands.IO, lookupEnv func(string) (string, bool), runner podman.Runner) int {
	var cli commands.CLI
	kctx, err := commands.Parse(&cli, stdio, args)
	if err != nil {
		return parseFailed(ctx, err, args, stdio)
	}
	level, err := commands.SlogLevel(cli.EffectiveLogLevel())
	if err != nil {
		return report(stdio, commands.UsageErrorf("%s", err))
	}
	slog.SetDefault(slog.New(commands.LogHandler(stdio.Err, level)))
	h, err := host.New(lookupEnv)
	if err != nil {
		return report(stdio, commands.Word(err))
	}
	h.InstalledProfile = commands.InstalledProfile
	if r, ok := runner.(podman.ExecRunner); ok && !cli.ShowPodmanLog() {
		r.Log = nil
		runner = r
	}
	stdio.AssumeYes = cli.AssumeYes
	e := &toolbx.Engine{Podman: podman.New(runner, cli.PodmanLogLevel()), Host: h, UI: stdio, NVIDIALog: cli.Verbose >= 2}
	code := report(stdio, commands.Execute(ctx, kctx, args, e, stdio))
	if interrupted := stdio.Interrupts.ExitCode(); code == 1 && interrupted != 0 {
		// Stopped by SIGINT or SIGTERM midway: say so in the status.
		return interrupted
	}
	return code
}

// parseFailed handles --version, --help and usage errors.
func parseFailed(ctx context.Context, err error, args []string, stdio *commands.IO) int {
	var help *commands.HelpRequest
	switch {
	case commands.IsVersionRequest(err):
		fmt.Fprintf(stdio.Out, "toolbox version %s\n", commands.Version)
		return 0
	case errors.As(err, &help):
		return report(stdio, commands.ShowHelp(ctx, stdio, help.Command))
	}
	return report(stdio, commands.UsageError(err, args))
}

// report prints err as "Error: ..." and returns the exit code it carries.
func report(stdio *commands.IO, err error) int {
	if err == nil {
		return 0
	}
	code := 1
	var coder kong.ExitCoder
	if errors.As(err, &coder) {
		code = coder.ExitCode()
	}
	if msg := err.Error(); msg != "" {
		fmt.Fprintf(stdio.Err, "Error: %s\n", msg)
	}
	return code
}
