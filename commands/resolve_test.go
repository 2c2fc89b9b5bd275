package commands

import (
	"strings"
	"testing"
)

var osReleases = map[string]string{
	"fedora": fedora39,
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
			h := testHost(t, osReleases[tt.host], nil)
			sel, err := resolve(h, Config{}, tt.name, tt.distro, tt.release, tt.image)
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

func TestResolveErrors(t *testing.T) {
	type test struct {
		host, distro, release string
		want                  string // the lines between "Error: " and the usage hint
		bug                   string
	}
	tests := []test{
		{"fedora", "foo", "", "invalid argument for '--distro'\nDistribution foo is unsupported.", ""},
		{"fedora", "foo", "34", "invalid argument for '--distro'\nDistribution foo is unsupported.", ""},
		{"fedora", "rhel", "", "option '--release' is needed\nDistribution rhel doesn't match the host.", ""},
		{"fedora", "ubuntu", "", "option '--release' is needed\nDistribution ubuntu doesn't match the host.", ""},
		{"ubuntu", "fedora", "", "option '--release' is needed\nDistribution fedora doesn't match the host.", ""},
		{"arch", "arch", "foo", "invalid argument for '--release'\nThe release must be 'latest'.", ""},
	}
	add := func(distro, hint, bug string, releases ...string) {
		for _, r := range releases {
			tests = append(tests, test{"fedora", distro, r, "invalid argument for '--release'\n" + hint, bug})
		}
	}
	add("fedora", "The release must be a positive integer.", "", "-3", "-3.0", "-3.1", "0", "0.0", "0.1", "3.0", "3.1", "foo", "3foo", "foobar")
	add("rhel", "The release must be in the '<major>.<minor>' format.", "", "8", "8.0.0", "8.0.1", "8.3.0", "8.3.1", "foo", "8.2foo", "-2.-1", "2.-1")
	add("rhel", "The release must be a positive number.", "", "-2.1")
	add("ubuntu", "The release must be in the 'YY.MM' format.", "", "20", "20.04.0", "20.04.1", "foo", "20foo", "foo.bar", "foo.bar.baz", "4.bar", "4.bar.baz")
	add("ubuntu", "The release year must be 4 or more.", "", "3.10")
	add("ubuntu", "The release year cannot have more than two digits.", "", "202.4", "202.04", "2020.4", "2020.04")
	add("ubuntu", "The release year cannot have a leading zero.", "", "04.10")
	add("ubuntu", "The release month must be between 01 and 12.", "", "4.00", "4.13")
	add("ubuntu", "The release month must be between 01 and 12.", "", "4.0")
	add("ubuntu", "The release month must have two digits.", "", "20.4")
	add("debian", "The release must be a positive integer, 'testing' or 'unstable'.", "", "0", "bookworm", "12.1")
	for _, tt := range tests {
		t.Run(tt.host+","+tt.distro+","+tt.release, func(t *testing.T) {
			if tt.bug != "" {
				t.Skip("BUG: " + tt.bug)
			}
			_, err := resolve(testHost(t, osReleases[tt.host], nil), Config{}, "", tt.distro, tt.release, "")
			if want := "Error: " + tt.want + "\n" + hint; errText(err) != want {
				t.Errorf("\ngot  %q\nwant %q", errText(err), want)
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

func TestContainerNames(t *testing.T) {
	for _, tt := range []struct {
		name, arg string
		ok        bool
	}{
		{"fedora-toolbox-39", "CONTAINER", true}, {"a_b.c-d", "--container", true}, {"9", "CONTAINER", true},
		{"-a", "CONTAINER", false}, {"_a", "--container", false}, {"a b", "CONTAINER", false}, {"ßpeci@l.N@m€", "--container", false},
	} {
		err := validateContainerName(tt.name, tt.arg)
		want := "Error: invalid argument for '" + tt.arg + "'\nContainer names must match '[a-zA-Z0-9][a-zA-Z0-9_.-]*'.\n" + hint
		if tt.ok && err != nil || !tt.ok && errText(err) != want {
			t.Errorf("validateContainerName(%q, %q) = %q", tt.name, tt.arg, errText(err))
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
	if _, err := fullyQualified("my-image:1", "39"); errText(err) != "Error: image my-image:1 not found in local storage and known registries\n" {
		t.Errorf("fullyQualified(unknown) error %q", errText(err))
	}
}

func TestNameAndIDShapes(t *testing.T) {
	for name, want := range map[string]bool{
		"a": true, "A9_.-x": true, "9box": true, "": false, "-x": false, "_x": false, ".x": false,
		"ab/c": false, "ßpeci": false, "a b": false,
	} {
		if got := validContainerName(name); got != want {
			t.Errorf("validContainerName(%q) = %v, want %v", name, got, want)
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
		{"debian", Config{Distro: "arch", Release: "44"}, "", "", "Error: invalid argument for '--release'"},
		{"debian", Config{Distro: "arch"}, "", "", "arch-toolbox-latest"},
		{"debian", Config{Distro: "fedora"}, "", "", "Error: option '--release' is needed"},
		{"debian", Config{Distro: "fedora", Release: "40"}, "", "", "fedora-toolbox-40"},
		{"debian", Config{Distro: "fedora", Release: "40"}, "arch", "", "arch-toolbox-latest"},
		{"debian", Config{Distro: "fedora", Release: "40"}, "debian", "", "debian-toolbox-40"},
		{"debian", Config{Distro: "fedora", Release: "40"}, "ubuntu", "", "Error: invalid argument for '--release'"},
		{"debian", Config{Distro: "fedora", Release: "40"}, "ubuntu", "24.04", "ubuntu-toolbox-24.04"},
		{"debian", Config{Image: "localhost/mine:7"}, "", "", "mine-7"},
		{"debian", Config{Image: "localhost/mine:7"}, "debian", "", "debian-toolbox-12"},
		{"debian", Config{Image: "localhost/mine:7"}, "", "11", "debian-toolbox-11"},
		{"other", Config{Release: "41"}, "", "", "fedora-toolbox-41"},
		{"other", Config{}, "arch", "", "arch-toolbox-latest"},
	} {
		sel, err := resolve(testHost(t, osReleases[tt.host], nil), tt.cfg, "", tt.distro, tt.release, "")
		got := sel.Container
		if err != nil {
			got, _, _ = strings.Cut(errText(err), "\n")
		}
		if got != tt.want {
			t.Errorf("host %s, %+v, --distro %q --release %q: %q, want %q", tt.host, tt.cfg, tt.distro, tt.release, got, tt.want)
		}
	}
}
