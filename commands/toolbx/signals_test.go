package toolbx

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"

	"github.com/toolbx-go/toolbox/commands/toolbx/toolbxtest"
)

// TestSignalForwarderPID: only a pid that is an exec session of the
// container (the child of a conmon of its ID) is ever signalled.
func TestSignalForwarderPID(t *testing.T) {
	h := toolbxtest.NewHost(t, toolbxtest.Fedora39, nil)
	e := &Engine{Host: h}
	toolbxtest.EntryPoint(t, h, "box", 500) // pid 500, child of box's conmon
	toolbxtest.EntryPoint(t, h, "other", 600)
	hostFile, _ := e.execPIDFile()
	tests := []struct {
		name, content, id, container string
		want                         int
	}{
		{"no pid yet", "", toolbxtest.CtrID("box"), "box", 0},
		{"session of the container", "500\n", toolbxtest.CtrID("box"), "box", 500},
		{"another container's", "600\n", toolbxtest.CtrID("box"), "box", 0},
		{"no ID: by conmon's name", "500\n", "", "box", 500},
		{"no ID: another name", "600\n", "", "box", 0},
		{"a pid that is not there", "700\n", toolbxtest.CtrID("box"), "box", 0},
		{"garbage", "x\n", toolbxtest.CtrID("box"), "box", 0},
		{"pid 1", "1\n", toolbxtest.CtrID("box"), "box", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := e.startSignalForwarder(hostFile, tt.container, tt.id)
			if tt.content != "" {
				toolbxtest.WriteFile(t, hostFile, tt.content)
			}
			if got := f.commandPID(); got != tt.want {
				t.Errorf("commandPID() = %d, want %d", got, tt.want)
			}
			if sig := f.stop(); sig != 0 {
				t.Errorf("stop() = %v, want none", sig)
			}
			if _, err := os.Stat(hostFile); !os.IsNotExist(err) {
				t.Errorf("the pid file is left behind: %v", err)
			}
		})
	}
}

// TestSignalForwarderDelivers: a signal that arrives before the command
// has written its pid is delivered once it has; stop reports it.
func TestSignalForwarderDelivers(t *testing.T) {
	h := toolbxtest.NewHost(t, toolbxtest.Fedora39, nil)
	e := &Engine{Host: h}
	hostFile, _ := e.execPIDFile()
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	f := e.startSignalForwarder(hostFile, "box", toolbxtest.CtrID("box"))
	f.signal(syscall.SIGTERM)
	// The sleep plays the command: a child of box's conmon (in the
	// test's /proc), whose wrapper writes its pid only now.
	toolbxtest.EntryPoint(t, h, "box", cmd.Process.Pid)
	toolbxtest.WriteFile(t, hostFile, strconv.Itoa(cmd.Process.Pid))
	err := cmd.Wait()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.Sys().(syscall.WaitStatus).Signal() != syscall.SIGTERM {
		t.Errorf("the command ended with %v, want SIGTERM", err)
	}
	if sig := f.stop(); sig != syscall.SIGTERM {
		t.Errorf("stop() = %v, want SIGTERM", sig)
	}
}
