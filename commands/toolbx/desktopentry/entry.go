// Package desktopentry reads, changes and writes desktop entry files (the
// freedesktop.org Desktop Entry Specification 1.5): groups of KEY=VALUE
// lines, localised keys (Name[de]), string escapes and the quoting of
// Exec lines. It keeps what it does not change, comments and the order of
// lines included, and knows nothing else of toolbox.
package desktopentry

import (
	"bytes"
	"fmt"
	"strings"
)

// Main is the group every desktop entry has.
const Main = "Desktop Entry"

// ActionPrefix starts the name of the group of each action.
const ActionPrefix = "Desktop Action "

// Entry is a parsed desktop entry file.
type Entry struct{ lines []line }

// line is one line of the file: a KEY=VALUE pair of group, or raw text
// (a comment, a blank line, a group header).
type line struct {
	group      string
	key, value string // key with its locale: "Name[de]"
	raw        string
	isKey      bool
}

// Parse reads a desktop entry file. A line that is none of a comment, a
// blank line, a group header or KEY=VALUE is an error, as are keys before
// the first group and a file without the group Desktop Entry.
func Parse(data []byte) (*Entry, error) {
	e := &Entry{}
	group := ""
	text := strings.TrimSuffix(string(data), "\n")
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSuffix(l, "\r")
		trimmed := strings.TrimSpace(l)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
			e.lines = append(e.lines, line{group: group, raw: l})
		case strings.HasPrefix(trimmed, "[") && strings.HasSuffix(trimmed, "]"):
			group = trimmed[1 : len(trimmed)-1]
			e.lines = append(e.lines, line{group: group, raw: trimmed})
		default:
			key, value, ok := strings.Cut(l, "=")
			key = strings.TrimSpace(key)
			if !ok || key == "" || group == "" {
				return nil, fmt.Errorf("line %d: not a key=value line in a group", i+1)
			}
			e.lines = append(e.lines, line{group: group, key: key, value: strings.TrimSpace(value), isKey: true})
		}
	}
	if !e.HasGroup(Main) {
		return nil, fmt.Errorf("no [%s] group", Main)
	}
	return e, nil
}

// Bytes writes the entry out.
func (e *Entry) Bytes() []byte {
	var b bytes.Buffer
	for _, l := range e.lines {
		if l.isKey {
			b.WriteString(l.key + "=" + l.value + "\n")
		} else {
			b.WriteString(l.raw + "\n")
		}
	}
	return b.Bytes()
}

// HasGroup says whether the entry has group.
func (e *Entry) HasGroup(group string) bool {
	return e.groupEnd(group) >= 0
}

// Groups lists the entry's groups in order.
func (e *Entry) Groups() []string {
	var groups []string
	for _, l := range e.lines {
		if !l.isKey && strings.HasPrefix(l.raw, "[") && l.group != "" {
			groups = append(groups, l.group)
		}
	}
	return groups
}

// Get returns the raw (still escaped) value of key in group.
func (e *Entry) Get(group, key string) (string, bool) {
	for _, l := range e.lines {
		if l.isKey && l.group == group && l.key == key {
			return l.value, true
		}
	}
	return "", false
}

// Keys lists the keys of group whose name without locale is base: "Name",
// then "Name[de]", ... as they come.
func (e *Entry) Keys(group, base string) []string {
	var keys []string
	for _, l := range e.lines {
		if l.isKey && l.group == group && BaseKey(l.key) == base {
			keys = append(keys, l.key)
		}
	}
	return keys
}

// Set gives key in group the raw value: in place when it is there, else
// after the group's last key.
func (e *Entry) Set(group, key, value string) {
	for i, l := range e.lines {
		if l.isKey && l.group == group && l.key == key {
			e.lines[i].value = value
			return
		}
	}
	end := e.groupEnd(group)
	if end < 0 {
		return
	}
	e.lines = append(e.lines[:end+1], append([]line{{group: group, key: key, value: value, isKey: true}}, e.lines[end+1:]...)...)
}

// Delete removes key from group.
func (e *Entry) Delete(group, key string) {
	kept := e.lines[:0]
	for _, l := range e.lines {
		if !(l.isKey && l.group == group && l.key == key) {
			kept = append(kept, l)
		}
	}
	e.lines = kept
}

// groupEnd is the index of group's last key line, or of its header when
// it has no key; -1 when there is no such group.
func (e *Entry) groupEnd(group string) int {
	end := -1
	for i, l := range e.lines {
		if l.group == group && (l.isKey || strings.HasPrefix(l.raw, "[")) {
			end = i
		}
	}
	return end
}

// BaseKey is key without its locale: "Name" for "Name[de]".
func BaseKey(key string) string {
	if i := strings.IndexByte(key, '['); i >= 0 {
		return key[:i]
	}
	return key
}
