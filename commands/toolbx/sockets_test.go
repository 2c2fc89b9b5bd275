package toolbx

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"

	"github.com/toolbx-go/toolbox/commands/toolbx/toolbxtest"
)

func TestSystemdPathEscape(t *testing.T) {
	for in, want := range map[string]string{
		"avahi-daemon.socket": "avahi_2ddaemon_2esocket",
		"sssd-kcm.socket":     "sssd_2dkcm_2esocket",
		"1x":                  "_31x",
	} {
		if got := systemdPathEscape(in); got != want {
			t.Errorf("systemdPathEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

// listenSocket makes a real Unix socket at path.
func listenSocket(t *testing.T, path string) {
	t.Helper()
	toolbxtest.Mkdir(t, filepath.Dir(path))
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
}

// privateBus starts a dbus-daemon of the test's own and returns its
// address; the test is skipped without dbus-daemon.
func privateBus(t *testing.T) string {
	t.Helper()
	daemon, err := exec.LookPath("dbus-daemon")
	if err != nil {
		t.Skip("dbus-daemon is not installed")
	}
	sock := filepath.Join(t.TempDir(), "bus")
	cmd := exec.Command(daemon, "--session", "--nofork", "--nopidfile", "--address=unix:path="+sock)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for i := 0; i < 100; i++ {
		if _, err := os.Stat(sock); err == nil {
			return "unix:path=" + sock
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("dbus-daemon did not start")
	return ""
}

// TestSocketVolumesFromSystemd: systemd cannot run here, so a stand-in
// owns org.freedesktop.systemd1 on a private bus and has one socket unit,
// avahi-daemon.socket, listening where the default is not. The KCM socket
// is found at its default path, since the stand-in does not know its
// unit; pcscd's is nowhere.
func TestSocketVolumesFromSystemd(t *testing.T) {
	addr := privateBus(t)
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if reply, err := conn.RequestName("org.freedesktop.systemd1", dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("RequestName: %v %v", reply, err)
	}
	type listen struct{ Type, Address string }
	_, err = prop.Export(conn, "/org/freedesktop/systemd1/unit/avahi_2ddaemon_2esocket", prop.Map{
		"org.freedesktop.systemd1.Socket": {
			"Listen": {Value: []listen{{"Datagram", "/run/elsewhere"}, {"Stream", "/run/avahi-custom/socket"}}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}

	h := toolbxtest.NewHost(t, toolbxtest.Fedora39, map[string]string{"DBUS_SYSTEM_BUS_ADDRESS": addr})
	toolbxtest.Mkdir(t, filepath.Join(h.Root, "run", "systemd", "system"))
	listenSocket(t, filepath.Join(h.Root, "run", "avahi-custom", "socket"))
	listenSocket(t, filepath.Join(h.Root, "run", "avahi-daemon", "socket")) // systemd's word wins
	listenSocket(t, filepath.Join(h.Root, "run", ".heim_org.h5l.kcm-socket"))

	got := (&Engine{Host: h}).socketVolumes(context.Background())
	want := []string{"/run/avahi-custom/socket:/run/avahi-custom/socket",
		"/run/.heim_org.h5l.kcm-socket:/run/.heim_org.h5l.kcm-socket"}
	if !slices.Equal(got, want) {
		t.Errorf("volumes %q, want %q", got, want)
	}
}

// TestSocketVolumesWithoutSystemd: no /run/systemd/system, so no bus is
// asked (its address leads nowhere), and sockets count at their default
// paths, files that are not sockets not at all.
func TestSocketVolumesWithoutSystemd(t *testing.T) {
	h := toolbxtest.NewHost(t, toolbxtest.Fedora39, map[string]string{"DBUS_SYSTEM_BUS_ADDRESS": "unix:path=/nonexistent"})
	listenSocket(t, filepath.Join(h.Root, "run", "pcscd", "pcscd.comm"))
	toolbxtest.WriteFile(t, filepath.Join(h.Root, "run", "avahi-daemon", "socket"), "not a socket")

	got := (&Engine{Host: h}).socketVolumes(context.Background())
	if want := []string{"/run/pcscd/pcscd.comm:/run/pcscd/pcscd.comm"}; !slices.Equal(got, want) {
		t.Errorf("volumes %q, want %q", got, want)
	}
}
