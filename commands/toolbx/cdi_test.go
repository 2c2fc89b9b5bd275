package toolbx

import (
	"context"
	"errors"
	"testing"
)

// BenchmarkNVIDIAProbe measures what enter and run pay for NVIDIA's CDI
// on this machine: on a host without the driver, the probe alone.
func BenchmarkNVIDIAProbe(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		if _, err := nvidiaSpec(ctx, false); err != nil && !errors.Is(err, errNoNVIDIA) {
			b.Fatal(err)
		}
	}
}
