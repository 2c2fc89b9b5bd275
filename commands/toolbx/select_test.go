package toolbx

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/toolbx-go/toolbox/commands/toolbx/toolbxtest"
)

var osReleases = map[string]string{
	"fedora": toolbxtest.Fedora39,
	"rhel":   "ID=\"rhel\"\nVERSION_ID=\"8.10\"\n",
	"ubuntu": "ID=ubuntu\nVERSION_ID=\"22.04\"\n",
	"arch":   "NAME=\"Arch Linux\"\nID=arch\nBUILD_ID=rolling\n",
	"debian": "ID=debian\nVERSION_ID=\"12\"\n",
	"other":  "ID=opensuse-tumbleweed\nVERSION_ID=\"20260101\"\n",
}

func TestResolveDefaults(t *testing.T) {
	tests := []struct {
		host, name, distro, release, image string
		wantCtr, wantImage, wantFull       string
		bug                                string
	}{
		{host: "fedora", wantCtr: "fedora-toolbox-39", wantImage: "fedora-toolbox:39", wantFull: "registry.fedoraproject.org/fedora-toolbox:39"},
		{host: "rhel", wantCtr: "rhel-toolbox-8.10", wantImage: "toolbox:8.10", wantFull: "registry.access.redhat.com/ubi8/toolbox:8.10"},
		{host: "ubuntu", wantCtr: "ubuntu-toolbox-22.04", wantImage: "ubuntu-toolbox:22.04", wantFull: "quay.io/toolbx/ubuntu-toolbox:22.04"},
		{host: "arch", wantCtr: "arch-toolbox-latest", wantImage: "arch-toolbox:latest", wantFull: "quay.io/toolbx/arch-toolbox:latest"},
		{host: "debian", wantCtr: "debian-toolbox-12", wantImage: "debian-toolbox:12", wantFull: "quay.io/toolbx-images/debian-toolbox:12"},
		{host: "other", wantCtr: "fedora-toolbox-44", wantImage: "fedora-toolbox:44", wantFull: "registry.fedoraproject.org/fedora-toolbox:44"},
		{host: "other", distro: "fedora", wantCtr: "fedora-toolbox-44", wantImage: "fedora-toolbox:44"},
		{host: "fedora", distro: "rhel", release: "8.10", wantCtr: "rhel-toolbox-8.10", wantImage: "toolbox:8.10", wantFull: "registry.access.redhat.com/ubi8/toolbox:8.10"},
		{host: "fedora", distro: "rhel", release: "9.4", wantCtr: "rhel-toolbox-9.4", wantFull: "registry.access.redhat.com/ubi9/toolbox:9.4"},
		{host: "fedora", distro: "fedora", release: "f34", wantCtr: "fedora-toolbox-34", wantImage: "fedora-toolbox:34"},
		{host: "fedora", release: "F35", wantCtr: "fedora-toolbox-35"},
		{host: "fedora", distro: "arch", wantCtr: "arch-toolbox-latest", wantFull: "quay.io/toolbx/arch-toolbox:latest"},
		{host: "fedora", distro: "arch", release: "rolling", wantCtr: "arch-toolbox-latest"},
		{host: "fedora", distro: "ubuntu", release: "16.04", wantCtr: "ubuntu-toolbox-16.04", wantFull: "quay.io/toolbx/ubuntu-toolbox:16.04"},
		{host: "fedora", distro: "debian", release: "testing", wantCtr: "debian-toolbox-testing"},
		{host: "fedora", name: "custom", wantCtr: "custom", wantImage: "fedora-toolbox:39"},
		{host: "fedora", image: "fedora-toolbox:34", wantCtr: "fedora-toolbox-34", wantImage: "fedora-toolbox:34", wantFull: "registry.fedoraproject.org/fedora-toolbox:34"},
		{host: "fedora", image: "quay.io/me/my-box", wantCtr: "my-box", wantFull: "quay.io/me/my-box"},
		{host: "fedora", image: "localhost/fixture:1", wantCtr: "fixture-1"},
		{host: "fedora", image: strings.Repeat("ab", 32), wantCtr: strings.Repeat("ab", 32)},
		{host: "fedora", image: "registry.access.redhat.com/ubi8/toolbox:8.10", wantCtr: "rhel-toolbox-8.10"},
	}
	for _, tt := range tests {
		t.Run(strings.Join([]string{tt.host, tt.name, tt.distro, tt.release, tt.image}, ","), func(t *testing.T) {
			if tt.bug != "" {
				t.Skip("BUG: " + tt.bug)
			}
			h := toolbxtest.NewHost(t, osReleases[tt.host], nil)
			sel, err := selectWith(h.OSRelease, Config{}, SelectRequest{Name: tt.name, Distro: tt.distro, Release: tt.release, Image: tt.image})
			if err != nil {
				t.Fatal(err)
			}
			if sel.Container != tt.wantCtr {
				t.Errorf("container %q, want %q", sel.Container, tt.wantCtr)
			}
			if tt.wantImage != "" && sel.Image != tt.wantImage {
				t.Errorf("image %q, want %q", sel.Image, tt.wantImage)
			}
			if tt.wantFull != "" {
				if full, err := fullyQualified(sel.Image, sel.Release); full != tt.wantFull || err != nil {
					t.Errorf("fullyQualified(%q) = %q, %v; want %q", sel.Image, full, err, tt.wantFull)
				}
			}
		})
	}
}

func TestValidReleases(t *testing.T) {
	for distro, releases := range map[string][]string{
		"fedora": {"34", "f34", "F40"},
		"rhel":   {"8.9", "8.10", "10.0"},
		"ubuntu": {"4.10", "5.04", "16.04", "18.04", "20.04", "20.10"},
		"arch":   {"", "latest", "rolling"},
		"debian": {"12", "testing", "unstable"},
	} {
		d, _ := lookupDistro(distro)
		for _, r := range releases {
			if _, err := d.parseRelease(r); err != nil {
				t.Errorf("%s release %q: %v", distro, r, err)
			}
		}
	}
}

func TestImageReferences(t *testing.T) {
	for _, tt := range []struct{ image, basename, tag, domain, ctrName string }{
		{"fedora-toolbox:39", "fedora-toolbox", "39", "", "fedora-toolbox-39"},
		{"registry.fedoraproject.org/fedora-toolbox:39", "fedora-toolbox", "39", "registry.fedoraproject.org", "fedora-toolbox-39"},
		{"localhost:5000/a/b", "b", "", "localhost:5000", "b"},
		{"localhost/fixture:1", "fixture", "1", "localhost", "fixture-1"},
		{"quay.io/toolbx/arch-toolbox:latest", "arch-toolbox", "latest", "quay.io", "arch-toolbox-latest"},
		{"quay.io/x/y@sha256:" + strings.Repeat("ab", 32), "y", "", "quay.io", "y"},
		{"library/busybox", "busybox", "", "", "busybox"},
	} {
		if got := imageBasename(tt.image); got != tt.basename {
			t.Errorf("imageBasename(%q) = %q, want %q", tt.image, got, tt.basename)
		}
		if got := imageTag(tt.image); got != tt.tag {
			t.Errorf("imageTag(%q) = %q, want %q", tt.image, got, tt.tag)
		}
		if got := imageDomain(tt.image); got != tt.domain {
			t.Errorf("imageDomain(%q) = %q, want %q", tt.image, got, tt.domain)
		}
		if got := containerNameForImage(tt.image); got != tt.ctrName {
			t.Errorf("containerNameForImage(%q) = %q, want %q", tt.image, got, tt.ctrName)
		}
	}
	var nf *ImageNotFound
	if _, err := fullyQualified("my-image:1", "39"); !errors.As(err, &nf) || nf.Image != "my-image:1" || !nf.Registries {
		t.Errorf("fullyQualified(unknown) error %v", err)
	}
}

func TestNameAndIDShapes(t *testing.T) {
	for name, want := range map[string]bool{
		"a": true, "A9_.-x": true, "9box": true, "": false, "-x": false, "_x": false, ".x": false,
		"ab/c": false, "ßpeci": false, "a b": false,
	} {
		if got := ValidContainerName(name); got != want {
			t.Errorf("ValidContainerName(%q) = %v, want %v", name, got, want)
		}
	}
	for id, want := range map[string]bool{
		"abcdef": true, "0123456789abcdef": true, "abcde": false, "ABCDEF": false,
		"abcdefg": false, strings.Repeat("a", 64): true, strings.Repeat("a", 65): false,
	} {
		if got := canBeImageID(id); got != want {
			t.Errorf("canBeImageID(%q) = %v, want %v", id, got, want)
		}
	}
}

// TestResolveWithConfig: toolbox.conf's release belongs to its distro, or
// to the host's, as in Toolbx's ResolveContainerAndImageNames.
func TestResolveWithConfig(t *testing.T) {
	for _, tt := range []struct {
		host            string
		cfg             Config
		distro, release string
		want            string // container, or "Error: ..." first line
	}{
		{"debian", Config{Release: "44"}, "arch", "", "arch-toolbox-latest"},
		{"debian", Config{Release: "44"}, "fedora", "", "fedora-toolbox-44"},
		{"debian", Config{Release: "44"}, "fedora", "40", "fedora-toolbox-40"},
		{"debian", Config{Release: "11"}, "", "", "debian-toolbox-11"},
		{"debian", Config{Release: "11"}, "debian", "", "debian-toolbox-11"},
		{"debian", Config{Distro: "arch", Release: "44"}, "", "", "*toolbx.ReleaseError"},
		{"debian", Config{Distro: "arch"}, "", "", "arch-toolbox-latest"},
		{"debian", Config{Distro: "fedora"}, "", "", "*toolbx.DistroError"},
		{"debian", Config{Distro: "fedora", Release: "40"}, "", "", "fedora-toolbox-40"},
		{"debian", Config{Distro: "fedora", Release: "40"}, "arch", "", "arch-toolbox-latest"},
		{"debian", Config{Distro: "fedora", Release: "40"}, "debian", "", "debian-toolbox-40"},
		{"debian", Config{Distro: "fedora", Release: "40"}, "ubuntu", "", "*toolbx.ReleaseError"},
		{"debian", Config{Distro: "fedora", Release: "40"}, "ubuntu", "24.04", "ubuntu-toolbox-24.04"},
		{"debian", Config{Image: "localhost/mine:7"}, "", "", "mine-7"},
		{"debian", Config{Image: "localhost/mine:7"}, "debian", "", "debian-toolbox-12"},
		{"debian", Config{Image: "localhost/mine:7"}, "", "11", "debian-toolbox-11"},
		{"other", Config{Release: "41"}, "", "", "fedora-toolbox-41"},
		{"other", Config{}, "arch", "", "arch-toolbox-latest"},
	} {
		h := toolbxtest.NewHost(t, osReleases[tt.host], nil)
		sel, err := selectWith(h.OSRelease, tt.cfg, SelectRequest{Distro: tt.distro, Release: tt.release})
		got := sel.Container
		if err != nil {
			got = fmt.Sprintf("%T", err)
		}
		if got != tt.want {
			t.Errorf("host %s, %+v, --distro %q --release %q: %q, want %q", tt.host, tt.cfg, tt.distro, tt.release, got, tt.want)
		}
	}
}
