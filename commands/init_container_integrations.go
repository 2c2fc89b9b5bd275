package commands

import "github.com/toolbx-go/toolbox/commands/initctr"

// integrationStepFailure words the steps of init-container's host
// integrations (NVIDIA's CDI, PKCS #11) as Toolbx does. bare says the
// message stands alone, without the cause after it.
func integrationStepFailure(e *initctr.Error) (msg string, bare, ok bool) {
	const cdi = " Container Device Interface for NVIDIA"
	switch e.Step {
	case initctr.LoadCDI:
		return "failed to load" + cdi, true, true
	case initctr.InvalidCDIMount:
		return "invalid mount in" + cdi, true, true
	case initctr.ApplyCDIMount:
		return "failed to apply mount from" + cdi, true, true
	case initctr.InvalidCDIHook:
		return "invalid hook in" + cdi, true, true
	case initctr.CDISymlinks:
		return "failed to create symlinks for" + cdi, true, true
	case initctr.CDILDCache:
		return "failed to update ldcache for" + cdi, true, true
	case initctr.ConfigurePKCS11, initctr.ConfigurePKCS11SSHD, initctr.ConfigurePKCS11Su, initctr.ConfigurePKCS11Sudo:
		return map[initctr.Step]string{
			initctr.ConfigurePKCS11:     "failed to configure PKCS #11 to read from the host",
			initctr.ConfigurePKCS11SSHD: "failed to configure sshd(8) to set P11_KIT_SERVER_ADDRESS",
			initctr.ConfigurePKCS11Su:   "failed to configure su(1) to set P11_KIT_SERVER_ADDRESS",
			initctr.ConfigurePKCS11Sudo: "failed to configure sudo(8) to set P11_KIT_SERVER_ADDRESS",
		}[e.Step], false, true
	case initctr.StatDir:
		return "failed to stat " + e.Path, true, true
	case initctr.NoProfileD:
		return "directory /etc/profile.d not found in container\n" +
			"The shell start-up scripts must include files from /etc/profile.d in\n" +
			"containers.\n" + seeWebsite, true, true
	case initctr.NoSudoersD:
		return "directory /etc/sudoers.d not found in container\n" +
			"The sudoers(5) policy must include files from /etc/sudoers.d in\n" +
			"containers with /etc/pkcs11/modules and p11-kit-client.so.\n" + seeWebsite, true, true
	}
	return "", false, false
}

const seeWebsite = "Go to https://containertoolbx.org/ for further information."
