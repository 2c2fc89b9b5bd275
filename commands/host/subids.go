package host

import (
	"log/slog"
	"strconv"
	"strings"
)

// HasSubIDs says whether the user has subordinate user and group ids,
// which rootless podman needs for a container's user namespace. Root
// needs none. /etc/subuid and /etc/subgid are read first; only when they
// grant nothing is libsubid asked (see subIDsFromNSS), which costs a
// dlopen(3) of half a millisecond or more on every command.
func (h *Host) HasSubIDs() bool {
	if h.IsRoot() {
		return true
	}
	if GrantsSubIDs(ReadEntries(h.Path("/etc/subuid")), h.User, h.UID) &&
		GrantsSubIDs(ReadEntries(h.Path("/etc/subgid")), h.User, h.UID) {
		return true
	}
	if h.subIDsFromNSS == nil {
		return false
	}
	granted, ok := h.subIDsFromNSS(h.User, h.UID)
	if !ok {
		slog.Debug("Validating subordinate IDs: cannot dlopen(3) libsubid.so.4")
	}
	return granted
}

// GrantsSubIDs says whether subuid(5) or subgid(5) entries give the user,
// by name or uid, a range of at least one id.
func GrantsSubIDs(entries [][]string, user string, uid int) bool {
	id := strconv.Itoa(uid)
	for _, f := range entries {
		if len(f) != 3 || (strings.TrimSpace(f[0]) != user && strings.TrimSpace(f[0]) != id) {
			continue
		}
		if n, err := strconv.Atoi(strings.TrimSpace(f[2])); err == nil && n > 0 {
			return true
		}
	}
	return false
}
