package initctr

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestHosts: /etc/hosts becomes a file of the container's own, with the
// host's entries and the hostname's; it follows the host's file, which is
// never written, and adds nothing when the host's entries name the
// hostname.
func TestHosts(t *testing.T) {
	h := container(t, nil)
	const hostHosts = "127.0.0.1 localhost\n192.0.2.7 printer # office"
	write(t, h.Path("/run/host/etc/hosts"), hostHosts)
	write(t, h.Path("/proc/sys/kernel/hostname"), "box.example\n")
	if err := os.Symlink("/run/host/etc/hosts", h.Path("/etc/hosts")); err != nil {
		t.Fatal(err)
	}
	if err := configureHosts(context.Background(), h, Options{}); err != nil {
		t.Fatal(err)
	}
	want := hostHosts + "\n" + hostsMarker + "127.0.1.1\tbox.example box\n"
	if isSymlink(h.Path("/etc/hosts")) {
		t.Error("/etc/hosts is still a link to the host's")
	}
	if data, _ := os.ReadFile(h.Path("/etc/hosts")); string(data) != want {
		t.Errorf("/etc/hosts = %q, want %q", data, want)
	}
	if data, _ := os.ReadFile(h.Path("/run/host/etc/hosts")); string(data) != hostHosts {
		t.Errorf("the host's /etc/hosts was written: %q", data)
	}

	write(t, h.Path("/run/host/etc/hosts"), hostHosts+"\n198.51.100.1 new\n")
	if err := writeHosts(h); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(h.Path("/etc/hosts")); !strings.Contains(string(data), "198.51.100.1 new\n") {
		t.Errorf("a new host entry is missing: %q", data)
	}

	write(t, h.Path("/run/host/etc/hosts"), "10.0.0.1 BOX.example\n")
	if err := writeHosts(h); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(h.Path("/etc/hosts")); string(data) != "10.0.0.1 BOX.example\n" {
		t.Errorf("a hostname the host names got a line: %q", data)
	}
}

// TestHostsName: only names count, not addresses or comments.
func TestHostsName(t *testing.T) {
	content := "127.0.0.1 localhost\n# toolbx\ntoolbx\n::1 ip6-localhost # toolbx\n"
	if hostsName(content, "toolbx") {
		t.Error("a comment or an address taken for a name")
	}
	if !hostsName(content+"127.0.1.1 a toolbx\n", "toolbx") {
		t.Error("an alias not found")
	}
}
