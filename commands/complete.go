package commands

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"

	"github.com/alecthomas/kong"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/commands/toolbx"
	"github.com/toolbx-go/toolbox/completion"
)

// completeCommand is the hidden command the scripts call back.
const completeCommand = "__complete"

// Complete is the hidden `toolbox __complete -- PATH TARGET [ARG...]`: print
// the values of flag or argument TARGET of the command at PATH, one a line,
// leaving out what does not fit the positional ARGs already typed. It never
// fails: there is just nothing to offer.
type Complete struct {
	Words []string `arg:"" optional:"" passthrough:"all" name:"word"`
}

// Run implements the command.
func (c *Complete) Run(ctx context.Context, kctx *kong.Context, e *toolbx.Engine, stdio *IO) error {
	words := c.Words
	if len(words) > 0 && words[0] == "--" {
		words = words[1:]
	}
	if len(words) < 2 {
		return nil
	}
	src, ok := lookupSource(words[0], words[1])
	if !ok {
		return nil
	}
	if src.podman && e.Host.InsideContainer() {
		// There is no podman here: ask the host.
		_, _ = e.Host.Forward(ctx, kctx.Args, host.Stdio{In: stdio.In, Out: stdio.Out, Err: io.Discard})
		return nil
	}
	typed, flags, given := splitTyped(kctx.Model, words[0], words[2:])
	values, err := src.values(ctx, completionQuery{e: e, app: kctx.Model, typed: typed, flags: flags, given: given})
	if err != nil {
		slog.DebugContext(ctx, "Completing failed", "path", words[0], "target", words[1], "err", err)
		return nil
	}
	for _, v := range values {
		fmt.Fprintln(stdio.Out, v)
	}
	return nil
}

type completionQuery struct {
	e     *toolbx.Engine
	app   *kong.Application
	typed []string          // the positional arguments on the line
	flags map[string]bool   // the flags on the line, by long name ("--image")
	given map[string]string // the values of flags on the line, by long name
}

// splitTyped separates what the script passed after TARGET into positional
// arguments and the flags typed for the command at path, which it names by
// their long names, whichever form was typed ("-d", "-yd", "--distro=x"),
// with the values given ("--distro=x", "-yd=x").
func splitTyped(app *kong.Application, path string, words []string) ([]string, map[string]bool, map[string]string) {
	var typed []string
	flags, given := map[string]bool{}, map[string]string{}
	available := app.Flags
	for _, c := range app.Children {
		if c.Name == path {
			available = append(slices.Clone(available), c.Flags...)
		}
	}
	for _, w := range words {
		word, value, hasValue := strings.Cut(w, "=")
		name := word
		switch {
		case strings.HasPrefix(word, "--"):
		case strings.HasPrefix(word, "-"):
			for _, r := range word[1:] {
				for _, f := range available {
					if f.Short == r {
						name = "--" + f.Name
						flags[name] = true
					}
				}
			}
		default:
			typed = append(typed, w)
			continue
		}
		flags[name] = true
		if hasValue {
			given[name] = value
		}
	}
	return typed, flags, given
}

// completionSource gives the values of a flag or argument.
type completionSource struct {
	podman bool // asks podman, so inside a container the host answers
	values func(context.Context, completionQuery) ([]string, error)
}

// completionSources are keyed like completion.Options.Values.
func completionSources() map[string]completionSource {
	fixed := func(values ...string) completionSource {
		return completionSource{values: func(context.Context, completionQuery) ([]string, error) { return values, nil }}
	}
	containers := completionSource{podman: true, values: containerNames}
	return map[string]completionSource{
		"--distro":           unlessFlag("--image", fixed(DistroNames()...)),
		"--log-level":        fixed(LogLevels()...),
		"completion <shell>": fixed(completion.Shells()...),
		"help <command>":     {values: helpTopics},
		"create --image":     unlessFlag("--distro", completionSource{podman: true, values: imageNames}),
		"enter <container>":  {podman: true, values: firstOnly(containerNames)},
		"enter --container":  containers,
		"run --container":    containers,
		"rm <container>":     {podman: true, values: notTyped(containerNames)},
		"rmi <image>":        {podman: true, values: notTyped(imageNames)},
		"export --app":       {podman: true, values: exportNames(toolbx.ExportApp)},
		"export --bin":       {podman: true, values: exportNames(toolbx.ExportBin)},
		"export --container": containers,
		"stop <container>":   {podman: true, values: notTyped(containerNames)},
	}
}

// lookupSource finds the source for target in the command at path, or in
// every command.
func lookupSource(path, target string) (completionSource, bool) {
	sources := completionSources()
	if src, ok := sources[strings.TrimSpace(path+" "+target)]; ok {
		return src, true
	}
	src, ok := sources[target]
	return src, ok
}

func containerNames(ctx context.Context, q completionQuery) ([]string, error) {
	ctrs, err := q.e.Containers(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, c := range ctrs {
		names = append(names, c.Name())
	}
	slices.Sort(names)
	return names, nil
}

// imageNames lists every name of every Toolbx image, or its ID when it has
// none, as `toolbox list` does.
func imageNames(ctx context.Context, q completionQuery) ([]string, error) {
	imgs, err := q.e.Images(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, img := range imgs {
		if len(img.Names) == 0 {
			names = append(names, img.ID)
		}
		names = append(names, img.Names...)
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// helpTopics are the commands with a manual: all, hidden ones included,
// but not completion's nor internal ones such as __complete.
func helpTopics(_ context.Context, q completionQuery) ([]string, error) {
	var names []string
	for _, c := range q.app.Children {
		if !strings.Contains(c.Name, "complet") && !strings.HasPrefix(c.Name, "__") {
			names = append(names, c.Name)
		}
	}
	return names, nil
}

// unlessFlag offers src's values unless flag is on the line: an image
// and a distro exclude each other, so neither is offered once the other
// was given, as in Toolbx.
func unlessFlag(flag string, src completionSource) completionSource {
	values := src.values
	src.values = func(ctx context.Context, q completionQuery) ([]string, error) {
		if q.flags[flag] {
			return nil, nil
		}
		return values(ctx, q)
	}
	return src
}

// firstOnly offers values for the first argument only.
func firstOnly(values func(context.Context, completionQuery) ([]string, error)) func(context.Context, completionQuery) ([]string, error) {
	return func(ctx context.Context, q completionQuery) ([]string, error) {
		if len(q.typed) > 0 {
			return nil, nil
		}
		return values(ctx, q)
	}
}

// notTyped leaves out the values already on the line.
func notTyped(values func(context.Context, completionQuery) ([]string, error)) func(context.Context, completionQuery) ([]string, error) {
	return func(ctx context.Context, q completionQuery) ([]string, error) {
		all, err := values(ctx, q)
		return slices.DeleteFunc(all, func(v string) bool { return slices.Contains(q.typed, v) }), err
	}
}
