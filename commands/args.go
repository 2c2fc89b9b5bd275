package commands

import (
	"strings"

	"github.com/alecthomas/kong"
)

// JoinFlagValues rewrites "--flag VALUE" as "--flag=VALUE" when VALUE
// starts with a hyphen, for the flags that take a value. pflag, and so
// Toolbx, takes the next argument as the value whatever it looks like
// (`--release -3` reports a bad release), while kong would read a flag.
// It also rewrites "-x=VALUE" as "--flag=VALUE": pflag drops the "=",
// kong would keep it in the value. It stops at "--" and at the command
// that `run` runs.
func JoinFlagValues(model *kong.Application, args []string) []string {
	out := make([]string, 0, len(args))
	node := model.Node
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return append(out, args[i:]...)
		case len(a) > 2 && a[0] == '-' && a[1] != '-' && a[2] == '=':
			if long, ok := valueFlag(model.Node, node, a[:2]); ok {
				out = append(out, "--"+long+"="+a[3:])
				continue
			}
		case strings.HasPrefix(a, "-") && !strings.Contains(a, "="):
			long, ok := valueFlag(model.Node, node, a)
			if ok && i+1 < len(args) && strings.HasPrefix(args[i+1], "-") {
				out = append(out, "--"+long+"="+args[i+1])
				i++
				continue
			}
			if ok && i+1 < len(args) {
				out = append(out, a, args[i+1])
				i++
				continue
			}
		case !strings.HasPrefix(a, "-"):
			child := childCommand(node, a)
			if child == nil && node.Name == "run" {
				return append(out, args[i:]...)
			}
			if child != nil {
				node = child
			}
		}
		out = append(out, a)
	}
	return out
}

// valueFlag finds arg ("--name" or "-x") among the flags of node and of the
// root (global flags), and returns its long name when it takes a value.
func valueFlag(root, node *kong.Node, arg string) (string, bool) {
	for _, n := range []*kong.Node{node, root} {
		for _, f := range n.Flags {
			match := arg == "--"+f.Name || (f.Short != 0 && arg == "-"+string(f.Short))
			if match {
				return f.Name, !f.IsBool() && !f.IsCounter()
			}
		}
	}
	return "", false
}

func childCommand(node *kong.Node, name string) *kong.Node {
	for _, c := range node.Children {
		if c.Type == kong.CommandNode && c.Name == name {
			return c
		}
	}
	return nil
}
