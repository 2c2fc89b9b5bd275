package toolbx

import (
	"context"
	"errors"

	"tags.cncf.io/container-device-interface/specs-go"
)

// integrations are what the host's integrations add to one enter or run:
// the NVIDIA spec to save when the container starts, and the variables
// the exec gets (the spec's and the p11-kit server's address).
type integrations struct {
	prepared bool
	cdi      *specs.Spec
	env      []string
}

// prepareIntegrations generates the NVIDIA spec and makes sure the
// p11-kit server runs, once per call, when a container is about to start
// (saveCDI) or to run a command (Exec): so for a container that exists.
// A host with neither costs no podman call and no process.
func (e *Engine) prepareIntegrations(ctx context.Context) error {
	if e.integ.prepared {
		return nil
	}
	var spec *specs.Spec
	var err error = errNoNVIDIA
	if e.Host.Root == "/" {
		// NVIDIA's libraries look at the real host; a Host rooted
		// elsewhere, a test's, has no driver.
		spec, err = nvidiaSpec(ctx, e.NVIDIALog)
	}
	switch {
	case errors.Is(err, errNoNVIDIA):
	case err != nil:
		return err
	default:
		e.integ.cdi = spec
		e.integ.env = append(e.integ.env, spec.ContainerEdits.Env...)
	}
	e.integ.env = append(e.integ.env, e.p11KitEnv(ctx)...)
	e.integ.prepared = true
	return nil
}

// saveCDI leaves the NVIDIA spec for the entry point of a container that
// is about to start; without a spec, whatever file is there stays.
func (e *Engine) saveCDI(ctx context.Context) error {
	if err := e.prepareIntegrations(ctx); err != nil || e.integ.cdi == nil {
		return err
	}
	return e.saveCDISpec(ctx, e.integ.cdi)
}
