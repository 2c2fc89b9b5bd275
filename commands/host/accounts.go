package host

import (
	"context"
	"os"
	"os/user"
	"strconv"
	"strings"
)

// ParseEntries reads a colon-separated database, as passwd(5), group(5),
// shadow(5), subuid(5) and getent(1) lay it out: one entry a line, its
// fields split at colons. Blank lines and comments are left out.
func ParseEntries(data string) [][]string {
	var entries [][]string
	for line := range strings.Lines(data) {
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		entries = append(entries, strings.Split(line, ":"))
	}
	return entries
}

// ReadEntries reads the colon-separated database at path; a file that
// cannot be read has no entries.
func ReadEntries(path string) [][]string {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return ParseEntries(string(data))
}

// Entry returns the fields of name's entry in the database at path.
func Entry(path, name string) []string {
	for _, e := range ReadEntries(path) {
		if e[0] == name {
			return e
		}
	}
	return nil
}

// Account is what toolbox needs of a passwd entry. Shell is "" when the
// entry came through NSS; loginShell asks for it then.
type Account struct {
	Name, Home, Shell string
}

// currentAccount looks the user up in /etc/passwd, and through NSS (the C
// library) only when the file does not have the user. The file answers
// for nearly everyone, and reading it costs a fraction of loading NSS,
// which every command would pay.
func currentAccount(h *Host) (Account, error) {
	if data, err := os.ReadFile(h.Path("/etc/passwd")); err == nil {
		if a, ok := FindPasswd(string(data), h.UID); ok {
			return a, nil
		}
	}
	u, err := user.Current()
	if err != nil {
		return Account{}, err
	}
	return Account{Name: u.Username, Home: u.HomeDir}, nil
}

// FindPasswd finds uid in passwd(5) lines, as in the file or as getent
// prints them. NIS compat lines ("+" and "-") are left to NSS.
func FindPasswd(data string, uid int) (Account, bool) {
	want := strconv.Itoa(uid)
	for _, f := range ParseEntries(data) {
		if len(f) != 7 || f[0] == "" || f[0][0] == '+' || f[0][0] == '-' || f[2] != want {
			continue
		}
		return Account{Name: f[0], Home: f[5], Shell: f[6]}, true
	}
	return Account{}, false
}

// loginShell is field 7 of the user's passwd entry, through NSS.
func loginShell(uid int) string {
	out, err := Output(context.Background(), "getent", "passwd", strconv.Itoa(uid))
	if a, ok := FindPasswd(out, uid); err == nil && ok && a.Shell != "" {
		return a.Shell
	}
	return "/bin/bash"
}
