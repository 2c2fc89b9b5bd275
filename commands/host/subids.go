package host

import (
	"strconv"
	"strings"
)

// HasSubIDs says whether the user has subordinate user and group ids,
// which rootless podman needs for a container's user namespace. Root
// needs none.
func (h *Host) HasSubIDs() bool {
	if h.IsRoot() {
		return true
	}
	return GrantsSubIDs(ReadEntries(h.Path("/etc/subuid")), h.User, h.UID) &&
		GrantsSubIDs(ReadEntries(h.Path("/etc/subgid")), h.User, h.UID)
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
