package commands

import (
	"errors"
	"fmt"
	"testing"

	"github.com/toolbx-go/toolbox/commands/initctr"
	"github.com/toolbx-go/toolbox/commands/toolbx"
)

// TestIntegrationWords: the host integrations' failures read as Toolbx's,
// on the host (enter, run) and from init-container.
func TestIntegrationWords(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("x: %w", toolbx.ErrNVMLMismatch),
			"the proprietary NVIDIA driver's kernel and user space don't match\nCheck the host operating system and systemd journal."},
		{&toolbx.NVIDIAFailed{Op: "initialize NVIDIA Management Library", Err: errors.New("9")},
			"failed to initialize NVIDIA Management Library"},
	} {
		if got := Word(tt.err); got == nil || got.Error() != tt.want {
			t.Errorf("Word(%v) = %v, want %q", tt.err, got, tt.want)
		}
	}
	for _, tt := range []struct {
		err  *initctr.Error
		want string
	}{
		{&initctr.Error{Step: initctr.LoadCDI, Err: errors.New("yaml")}, "failed to load Container Device Interface for NVIDIA"},
		{&initctr.Error{Step: initctr.InvalidCDIHook, Err: errors.New("x")}, "invalid hook in Container Device Interface for NVIDIA"},
		{&initctr.Error{Step: initctr.CDISymlinks, Err: errors.New("x")}, "failed to create symlinks for Container Device Interface for NVIDIA"},
		{&initctr.Error{Step: initctr.ConfigurePKCS11Su, Err: errors.New("EROFS")}, "failed to configure su(1) to set P11_KIT_SERVER_ADDRESS: EROFS"},
		{&initctr.Error{Step: initctr.NoSudoersD, Path: "/etc/sudoers.d"}, "directory /etc/sudoers.d not found in container\n" +
			"The sudoers(5) policy must include files from /etc/sudoers.d in\n" +
			"containers with /etc/pkcs11/modules and p11-kit-client.so.\n" +
			"Go to https://containertoolbx.org/ for further information."},
	} {
		if got := wordInit(tt.err); got == nil || got.Error() != tt.want {
			t.Errorf("wordInit(%v) = %v, want %q", tt.err, got, tt.want)
		}
	}
}
