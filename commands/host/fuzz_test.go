package host

import (
	"strings"
	"testing"
)

// Fuzz tests of the colon databases and os-release: no input may panic.

func FuzzPasswd(f *testing.F) {
	for _, s := range []string{"root:x:0:0:root:/root:/bin/bash\n", "+nis::1001:1001:::\n", "me:x:1000:1000:Me,,,:/home/me:/usr/bin/zsh\r\n", "broken:x:1000", "::::::\n", "a:b:1000:c:d:e:f:g\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		if a, ok := FindPasswd(data, 1000); ok && (a.Name == "" || strings.ContainsAny(a.Name, ":\n")) {
			t.Errorf("%q: account %+v", data, a)
		}
	})
}

func FuzzSubIDs(f *testing.F) {
	for _, s := range []string{"user:100000:65536\n", "1000:100000:65536\n", "user:100000:0\n", "user::\n", "user:x:y\n", " user : 1 : 2 \n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		_ = GrantsSubIDs(ParseEntries(data), "user", 1000)
	})
}

func FuzzOSRelease(f *testing.F) {
	for _, s := range []string{"ID=fedora\nVERSION_ID=39\n", "ID='arch'\n", "ID=\"rhel\"\nVERSION_ID=\"8.10\"\n", "=\n", "ID\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		id, version := ParseOSRelease(data)
		if strings.ContainsAny(id+version, "\n") {
			t.Errorf("%q: %q %q", data, id, version)
		}
	})
}

func FuzzParentPID(f *testing.F) {
	for _, s := range []string{"42 (toolbox) S 9042 42 0 -1 4194560", "1 (a) b) S 7 1", "", ")", "2 (x) S", "3 (y) S -1"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, stat []byte) {
		if ppid, ok := ParentPID(stat); ok && ppid <= 0 {
			t.Errorf("%q: parent %d", stat, ppid)
		}
	})
}
