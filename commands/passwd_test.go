package commands

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLookupPasswd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "passwd")
	writeFile(t, path, "root:x:0:0:root:/root:/bin/bash\n"+
		"+nisuser::1001:1001:::\n"+
		"broken:x:1002\n"+
		"me:x:1000:1000:Me,,,:/home/me:/usr/bin/zsh\r\n"+
		"noshell:x:1003:1003::/home/noshell:")
	for _, tc := range []struct {
		uid  int
		want account
		ok   bool
	}{
		{0, account{"root", "/root", "/bin/bash"}, true},
		{1000, account{"me", "/home/me", "/usr/bin/zsh"}, true},
		{1003, account{"noshell", "/home/noshell", ""}, true},
		{1001, account{}, false}, // NIS compat: NSS's to answer
		{1002, account{}, false},
		{4242, account{}, false},
	} {
		got, ok := lookupPasswd(path, tc.uid)
		if got != tc.want || ok != tc.ok {
			t.Errorf("uid %d: %+v %v, want %+v %v", tc.uid, got, ok, tc.want, tc.ok)
		}
	}
	if _, ok := lookupPasswd(filepath.Join(t.TempDir(), "none"), 0); ok {
		t.Error("a missing file found a user")
	}
}

// TestCurrentAccountFallsBackToNSS: a user missing from the file is
// looked up through the C library, as os/user does.
func TestCurrentAccountFallsBackToNSS(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "etc/passwd"), "other:x:4242:4242::/home/other:/bin/sh\n")
	h := &Host{Root: root, UID: 4242}
	if a, err := currentAccount(h); err != nil || a.name != "other" {
		t.Fatalf("from the file: %+v, %v", a, err)
	}
	h.UID = os.Getuid()
	a, err := currentAccount(h)
	if err != nil || a.name == "" || a.shell != "" {
		t.Fatalf("through NSS: %+v, %v", a, err)
	}
}
