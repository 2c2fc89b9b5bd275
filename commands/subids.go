package commands

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// CheckSubIDs makes sure a rootless user has subordinate user and group
// ids, which podman needs for the container's user namespace, before any
// command that runs podman. Root needs none.
func CheckSubIDs(p *Parsed, h *Host) error {
	if !runsPodman(p.Command) {
		return nil
	}
	if h.IsRoot() || (hasSubIDs(h, "/etc/subuid") && hasSubIDs(h, "/etc/subgid")) {
		return nil
	}
	return fmt.Errorf("Missing subgid and/or subuid ranges for user %s\n"+
		"See the podman(1), subgid(5), subuid(5) and usermod(8) manuals for more\n"+
		"information.", h.User)
}

// hasSubIDs says whether file gives the user, by name or uid, a range of
// at least one id.
func hasSubIDs(h *Host, file string) bool {
	f, err := os.Open(h.path(file))
	if err != nil {
		return false
	}
	defer f.Close()
	uid := strconv.Itoa(h.UID)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(strings.TrimSpace(sc.Text()), ":")
		if len(fields) != 3 || (fields[0] != h.User && fields[0] != uid) {
			continue
		}
		if n, err := strconv.Atoi(fields[2]); err == nil && n > 0 {
			return true
		}
	}
	return false
}
