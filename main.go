// Since Go 1.25 GOMAXPROCS follows the cgroup's CPU limit, and the runtime
// keeps checking it in the background. toolbox mostly waits for podman and
// has no use for that; turning it off saves 0.2-0.4 ms per start (paired
// runs of the binary up to its first podman call).
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
	"github.com/toolbx-go/toolbox/podman"
)

func main() {
	stdio := &commands.IO{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
	}
	ctx, handled := notifyInterrupts(context.Background())
	os.Exit(run(ctx, os.Args[1:], stdio, os.LookupEnv, podman.ExecRunner{Log: os.Stderr, Ready: handled}))
}

// notifyInterrupts returns a context that SIGINT or SIGTERM cancels, as
// signal.NotifyContext does, but sets the handler up in the background and
// closes handled once it is in place. Setting it up costs about a
// millisecond on our machines (the runtime starts a thread for signals);
// this way it overlaps parsing and the checks before the command, and the
// podman runner waits for it before it starts podman, so that Ctrl-C and
// SIGTERM always reach podman through toolbox.
func notifyInterrupts(parent context.Context) (ctx context.Context, handled <-chan struct{}) {
	ctx, cancel := context.WithCancel(parent)
	ready := make(chan struct{})
	go func() {
		signals := make(chan os.Signal, 1)
		signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
		close(ready)
		<-signals
		cancel()
	}()
	return ctx, ready
}

// run parses args, runs the command and returns the exit code. Every error
// ends here and is printed once, as "Error: ...".
func run(ctx context.Context, args []string, stdio *commands.IO, lookupEnv func(string) (string, bool), runner podman.Runner) int {
	var cli commands.CLI
	parsed, err := commands.Parse(&cli, stdio, args)
	if err != nil {
		return parseFailed(ctx, err, args, stdio)
	}
	level, err := commands.SlogLevel(cli.EffectiveLogLevel())
	if err != nil {
		return report(stdio, commands.UsageErrorf("%s", err))
	}
	slog.SetDefault(slog.New(commands.LogHandler(stdio.Err, level)))

	host, err := commands.NewHost(lookupEnv)
	if err != nil {
		return report(stdio, err)
	}
	if commands.MustForward(parsed, host) {
		return report(stdio, commands.Forward(ctx, host, args, stdio))
	}
	if err := commands.CheckSubIDs(parsed, host); err != nil {
		return report(stdio, err)
	}
	if err := commands.CheckConfig(parsed, host); err != nil {
		return report(stdio, err)
	}
	if r, ok := runner.(podman.ExecRunner); ok && !cli.ShowPodmanLog() {
		r.Log = nil
		runner = r
	}
	pm := podman.New(runner, cli.PodmanLogLevel())
	if err := commands.MigrateIfUpgraded(ctx, parsed, pm, host); err != nil {
		return report(stdio, err)
	}
	return report(stdio, parsed.Run(ctx, pm, stdio, host, &cli.Globals))
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
