package commands

import (
	"os"
	"os/user"
	"strconv"
	"strings"
)

// account is what toolbox needs of the user's passwd entry. shell is ""
// when the entry came through NSS; loginShell asks for it then.
type account struct {
	name, home, shell string
}

// currentAccount looks the user up in /etc/passwd, and through NSS (the C
// library) only when the file does not have the user. The file answers
// for nearly everyone, and reading it costs a fraction of loading NSS,
// which every command would pay.
func currentAccount(h *Host) (account, error) {
	if a, ok := lookupPasswd(h.path("/etc/passwd"), h.UID); ok {
		return a, nil
	}
	u, err := user.Current()
	if err != nil {
		return account{}, err
	}
	return account{name: u.Username, home: u.HomeDir}, nil
}

// lookupPasswd finds uid in the passwd(5) file at path.
func lookupPasswd(path string, uid int) (account, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return account{}, false
	}
	return findPasswd(string(data), uid)
}

// findPasswd finds uid in passwd(5) lines, as in the file or as getent
// prints them. NIS compat lines ("+" and "-") are left to NSS.
func findPasswd(data string, uid int) (account, bool) {
	want := strconv.Itoa(uid)
	for line := range strings.Lines(data) {
		f := strings.Split(strings.TrimRight(line, "\r\n"), ":")
		if len(f) != 7 || f[0] == "" || f[0][0] == '+' || f[0][0] == '-' || f[2] != want {
			continue
		}
		return account{name: f[0], home: f[5], shell: f[6]}, true
	}
	return account{}, false
}
