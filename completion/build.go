package completion

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/alecthomas/kong"
)

// build turns kong's model into the scripts' one, and checks that every key
// of opts.Values names a flag or argument that exists.
func build(app *kong.Application, opts Options) (*model, error) {
	if app == nil || app.Node == nil {
		return nil, fmt.Errorf("no grammar")
	}
	m := &model{name: opts.Name, callback: opts.Callback}
	if m.name == "" {
		m.name = app.Name
	}
	if m.callback == "" {
		return nil, fmt.Errorf("no callback command")
	}
	b := builder{values: opts.Values, used: map[string]bool{}}
	root := b.command(app.Node, "", nil)
	if app.HelpFlag != nil {
		root.flags = append(root.flags, b.flag("", app.HelpFlag))
	}
	m.commands = flatten(root)
	var unknown []string
	for _, k := range slices.Sorted(maps.Keys(opts.Values)) {
		if !b.used[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("completion values for unknown flags or arguments: %s", strings.Join(unknown, ", "))
	}
	return m, nil
}

func flatten(c *command) []*command {
	out := []*command{c}
	for _, ch := range c.children {
		out = append(out, flatten(ch)...)
	}
	return out
}

type builder struct {
	values map[string]Kind
	used   map[string]bool
}

// command converts node, whose ancestors' flags are inherited.
func (b builder) command(node *kong.Node, path string, inherited []*kong.Flag) *command {
	c := &command{path: path, name: node.Name, help: node.Help, hidden: node.Hidden}
	all := append(slices.Clip(inherited), node.Flags...)
	for _, f := range all {
		c.flags = append(c.flags, b.flag(path, f))
	}
	for _, p := range node.Positional {
		c.args = append(c.args, b.arg(path, p))
	}
	for _, child := range node.Children {
		if child.Type != kong.CommandNode {
			continue // branching arguments are not supported
		}
		c.children = append(c.children, b.command(child, joinPath(path, child.Name), all))
	}
	return c
}

func (b builder) flag(path string, f *kong.Flag) flag {
	out := flag{
		long:   "--" + f.Name,
		help:   firstLine(f.Help),
		value:  !f.IsBool() && !f.IsCounter(),
		hidden: f.Hidden,
		repeat: f.IsCounter() || f.IsSlice() || f.IsMap(),
	}
	if f.Short != 0 {
		out.short = "-" + string(f.Short)
	}
	switch f.Tag.Negatable {
	case "":
	case "_":
		out.negated = "--no-" + f.Name
	default:
		out.negated = "--" + f.Tag.Negatable
	}
	out.meta = f.PlaceHolder
	if out.meta == "" {
		out.meta = strings.ToUpper(f.Name)
	}
	if out.value {
		var fallback Kind
		switch f.Tag.Type {
		case "path", "existingfile", "existingdir":
			fallback = Files
		}
		out.kind = b.kind(path, out.long, fallback)
	}
	return out
}

func (b builder) arg(path string, p *kong.Positional) arg {
	out := arg{
		target:      "<" + p.Name + ">",
		help:        firstLine(p.Help),
		variadic:    p.IsSlice(),
		passthrough: p.Passthrough || p.PassthroughMode != kong.PassThroughModeNone,
	}
	fallback := None
	if out.passthrough {
		fallback = Commands
	}
	out.kind = b.kind(path, out.target, fallback)
	return out
}

// kind looks target up for the command at path, then for its ancestors,
// then for every command.
func (b builder) kind(path, target string, fallback Kind) Kind {
	for p := path; ; {
		key := strings.TrimSpace(p + " " + target)
		if k, ok := b.values[key]; ok {
			b.used[key] = true
			return k
		}
		if p == "" {
			return fallback
		}
		i := strings.LastIndex(p, " ")
		p = p[:max(i, 0)]
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
