package host

import (
	"os/user"
	"strconv"
	"testing"
)

// TestLibsubid asks the host's real libsubid.so.4 (Debian's libsubid4)
// about a user it has no ranges for, and about the first user of
// /etc/subuid, which the files backend reads.
func TestLibsubid(t *testing.T) {
	if _, ok := libsubidGrants("root", 0); !ok {
		t.Skip("libsubid.so.4 cannot be loaded here")
	}
	if granted, _ := libsubidGrants("tbtest-nobody-with-ranges", 987654); granted {
		t.Error("libsubid grants ranges to a user nobody gave any")
	}
	entries := ReadEntries("/etc/subuid")
	if len(entries) == 0 || len(entries[0]) != 3 {
		t.Skip("no entry in /etc/subuid")
	}
	name := entries[0][0]
	u, err := user.Lookup(name)
	if err != nil {
		t.Skipf("no user %s: %v", name, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	if !GrantsSubIDs(ReadEntries("/etc/subgid"), name, uid) {
		t.Skipf("%s has subordinate uids but no gids", name)
	}
	if granted, ok := libsubidGrants(name, uid); !granted || !ok {
		t.Errorf("libsubid: %s granted %v, loaded %v", name, granted, ok)
	}
}

// TestHasSubIDsFromNSS: when the files grant nothing, libsubid's answer
// (ranges from an NSS module such as SSSD's) counts; when they do, it is
// not asked.
func TestHasSubIDsFromNSS(t *testing.T) {
	asked := 0
	h := &Host{User: "user", UID: 1000, Root: t.TempDir()}
	h.subIDsFromNSS = func(string, int) (bool, bool) { asked++; return true, true }
	if !h.HasSubIDs() || asked != 1 {
		t.Errorf("NSS ranges: HasSubIDs false or libsubid asked %d times", asked)
	}
	for _, f := range []string{"subuid", "subgid"} {
		writeFile(t, h.Path("/etc/"+f), "user:100000:65536\n")
	}
	h.subIDsFromNSS = func(string, int) (bool, bool) { t.Error("libsubid asked"); return false, true }
	if !h.HasSubIDs() {
		t.Error("file ranges: HasSubIDs false")
	}
}
