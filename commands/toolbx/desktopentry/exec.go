package desktopentry

import (
	"errors"
	"strings"
)

// The two levels of an Exec value: the string escapes every value has
// (\s \n \t \r \\), and under them the command line, whose arguments are
// separated by spaces and double-quoted when they hold a reserved
// character, with \" \` \$ \\ escaped inside the quotes.

// reserved are the characters that make an argument need quotes.
const reserved = " \t\n\"'\\><~|&;$*?#()`"

// Unescape undoes the string escapes of a raw value.
func Unescape(raw string) string {
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 == len(raw) {
			b.WriteByte(c)
			continue
		}
		i++
		switch raw[i] {
		case 's':
			b.WriteByte(' ')
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '\\':
			b.WriteByte('\\')
		default:
			// Not a string escape (";" in a list): left for the
			// next level to read.
			b.WriteByte('\\')
			b.WriteByte(raw[i])
		}
	}
	return b.String()
}

// Escape gives a string the string escapes of a raw value.
func Escape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(s)
}

// SplitExec splits the raw value of an Exec key into its arguments, field
// codes (%f, %U, ...) among them as they are.
func SplitExec(raw string) ([]string, error) {
	s := Unescape(raw)
	var args []string
	var cur strings.Builder
	inArg, quoted := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quoted && c == '\\' && i+1 < len(s) && strings.IndexByte("\"`$\\", s[i+1]) >= 0:
			i++
			cur.WriteByte(s[i])
		case quoted && c == '"':
			quoted = false
		case quoted:
			cur.WriteByte(c)
		case c == '"':
			quoted, inArg = true, true
		case c == ' ' || c == '\t' || c == '\n':
			if inArg {
				args = append(args, cur.String())
				cur.Reset()
				inArg = false
			}
		default:
			cur.WriteByte(c)
			inArg = true
		}
	}
	if quoted {
		return nil, errors.New("unterminated quote in Exec")
	}
	if inArg {
		args = append(args, cur.String())
	}
	if len(args) == 0 {
		return nil, errors.New("empty Exec")
	}
	return args, nil
}

// JoinExec makes the raw value of an Exec key of args, quoting those that
// need it; field codes stay as they are.
func JoinExec(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		if a != "" && !strings.ContainsAny(a, reserved) {
			quoted[i] = a
			continue
		}
		quoted[i] = `"` + strings.NewReplacer(`"`, `\"`, "`", "\\`", `$`, `\$`, `\`, `\\`).Replace(a) + `"`
	}
	return Escape(strings.Join(quoted, " "))
}
