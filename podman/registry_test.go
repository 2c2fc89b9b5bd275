package podman

import (
	"slices"
	"testing"
)

func TestInspectRawArgs(t *testing.T) {
	tests := []struct {
		ref  string
		o    RegistryOptions
		want []string
	}{
		{"quay.io/toolbx/arch-toolbox:latest", RegistryOptions{},
			[]string{"inspect", "--raw", "docker://quay.io/toolbx/arch-toolbox:latest"}},
		{"r.example:5000/a/b:1", RegistryOptions{AuthFile: "/a/auth.json", RegistriesConf: "/r.conf"},
			[]string{"--registries-conf", "/r.conf", "inspect", "--raw", "--authfile", "/a/auth.json", "docker://r.example:5000/a/b:1"}},
	}
	for _, tt := range tests {
		if got := inspectRawArgs(tt.ref, tt.o); !slices.Equal(got, tt.want) {
			t.Errorf("inspectRawArgs(%q, %+v) = %q, want %q", tt.ref, tt.o, got, tt.want)
		}
	}
}

func TestPullArgs(t *testing.T) {
	tests := []struct {
		o    PullOptions
		want []string
	}{
		{PullOptions{}, []string{"pull", "--", "i:1"}},
		{PullOptions{Quiet: true}, []string{"pull", "--quiet", "--", "i:1"}},
		{PullOptions{AuthFile: "/a.json", Quiet: true}, []string{"pull", "--authfile", "/a.json", "--quiet", "--", "i:1"}},
	}
	for _, tt := range tests {
		if got := tt.o.args("i:1"); !slices.Equal(got, tt.want) {
			t.Errorf("%+v.args() = %q, want %q", tt.o, got, tt.want)
		}
	}
}

func TestPickManifest(t *testing.T) {
	list := []Descriptor{
		{Digest: "no-platform"},
		{Digest: "arm", Platform: &Platform{OS: "linux", Architecture: "arm64", Variant: "v8"}},
		{Digest: "amd", Platform: &Platform{OS: "linux", Architecture: "amd64"}},
		{Digest: "amd-2", Platform: &Platform{OS: "linux", Architecture: "amd64"}},
	}
	if d, ok := pickManifest(list, "linux", "amd64"); !ok || d.Digest != "amd" {
		t.Errorf("amd64: %+v %v", d, ok)
	}
	if d, ok := pickManifest(list, "linux", "arm64"); !ok || d.Digest != "arm" {
		t.Errorf("arm64: %+v %v", d, ok)
	}
	if _, ok := pickManifest(list, "linux", "s390x"); ok {
		t.Error("s390x found")
	}
}
