package podman_test

import (
	"context"
	"errors"
	"runtime"
	"testing"

	"github.com/toolbx-go/toolbox/podman"
	"github.com/toolbx-go/toolbox/podman/podmantest"
)

// The fixtures are what skopeo 1.9.3 printed for images that podman 4.3.1
// pushed to a distribution registry 2.8.2: an OCI manifest, a Docker
// schema 2 manifest, and an OCI index for linux/amd64 and linux/arm64/v8.
func TestRegistryImageSize(t *testing.T) {
	ctx := context.Background()
	raw := func(ref string) []string { return args("skopeo", "inspect", "--raw", "docker://"+ref) }
	index := map[string]string{
		"amd64": "sha256:b9f2144a568af726c6376162a80a0296348fa325863a4002ba4998d4cea265bb",
		"arm64": "sha256:8ba535384ecd6def680e0f027d0b5a210ac5aca956be8a7828e15f5e2a1bafaf",
	}
	type sizeTest struct {
		name  string
		calls []call
		want  int64 // 0: an error
		err   error // a sentinel the error must wrap
	}
	tests := []sizeTest{
		{name: "oci", calls: []call{{Args: raw("r.test/a:1"), Stdout: readFixture(t, "skopeo-inspect-raw-oci-1.9.json")}}, want: 15112},
		{name: "docker schema 2", calls: []call{{Args: raw("r.test/a:1"), Stdout: readFixture(t, "skopeo-inspect-raw-v2s2-1.9.json")}}, want: 15112},
		{name: "schema 1 has no sizes", calls: []call{{Args: raw("r.test/a:1"), Stdout: `{"schemaVersion": 1, "fsLayers": [{"blobSum": "sha256:0"}]}`}}},
		{name: "not json", calls: []call{{Args: raw("r.test/a:1"), Stdout: "time=... level=fatal"}}},
		{name: "unauthorized", calls: []call{{Args: raw("r.test/a:1"), Exit: 1, Stderr: "unauthorized: authentication required"}}},
		{name: "no skopeo", calls: []call{{Args: raw("r.test/a:1"), Err: podman.ErrNoSkopeo}}, err: podman.ErrNoSkopeo},
	}
	if digest, ok := index[runtime.GOARCH]; ok {
		tests = append(tests, sizeTest{name: "index", calls: []call{
			{Args: raw("r.test/a:1"), Stdout: readFixture(t, "skopeo-inspect-raw-index-1.9.json")},
			{Args: raw("r.test/a@" + digest), Stdout: readFixture(t, "skopeo-inspect-raw-oci-1.9.json")},
		}, want: 15112})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := podmantest.New(t, tt.calls...).Client().RegistryImageSize(ctx, "r.test/a:1", podman.RegistryOptions{})
			if tt.want != 0 && (err != nil || got != tt.want) {
				t.Fatalf("got %d, %v; want %d", got, err, tt.want)
			}
			if tt.want == 0 && err == nil {
				t.Fatalf("got %d and no error", got)
			}
			if tt.err != nil && !errors.Is(err, tt.err) {
				t.Errorf("error %v is not %v", err, tt.err)
			}
		})
	}
}

func TestRegistryImageSizeOptions(t *testing.T) {
	r := podmantest.New(t, call{
		Args:   args("skopeo", "--registries-conf", "/r.conf", "inspect", "--raw", "--authfile", "/auth.json", "docker://r.test/a:1"),
		Stdout: readFixture(t, "skopeo-inspect-raw-oci-1.9.json"),
	})
	o := podman.RegistryOptions{AuthFile: "/auth.json", RegistriesConf: "/r.conf"}
	if _, err := r.Client().RegistryImageSize(context.Background(), "r.test/a:1", o); err != nil {
		t.Fatal(err)
	}
}

// A Runner that cannot run skopeo gives ErrNoSkopeo rather than running
// skopeo's argv as podman's.
func TestRegistryImageSizeWithoutSkopeoRunner(t *testing.T) {
	pm := podman.New(podmanOnly{}, "error")
	if _, err := pm.RegistryImageSize(context.Background(), "r.test/a:1", podman.RegistryOptions{}); !errors.Is(err, podman.ErrNoSkopeo) {
		t.Fatalf("error %v, want ErrNoSkopeo", err)
	}
}

type podmanOnly struct{}

func (podmanOnly) Run(context.Context, []string, podman.Stdio) error {
	return errors.New("podman must not run")
}
