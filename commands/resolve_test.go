package commands

import (
	"testing"

	"github.com/toolbx-go/toolbox/commands/toolbx"
)

var osReleases = map[string]string{
	"fedora": fedora39,
	"rhel":   "ID=\"rhel\"\nVERSION_ID=\"8.10\"\n",
	"ubuntu": "ID=ubuntu\nVERSION_ID=\"22.04\"\n",
	"arch":   "NAME=\"Arch Linux\"\nID=arch\nBUILD_ID=rolling\n",
	"debian": "ID=debian\nVERSION_ID=\"12\"\n",
	"other":  "ID=opensuse-tumbleweed\nVERSION_ID=\"20260101\"\n",
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
			h := testHost(t, osReleases[tt.host], nil)
			_, err := engine(nil, &IO{}, h, nil).Select(toolbx.SelectRequest{Distro: tt.distro, Release: tt.release})
			if want := "Error: " + tt.want + "\n" + hint; errText(err) != want {
				t.Errorf("\ngot  %q\nwant %q", errText(err), want)
			}
		})
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
		h := testHost(t, fedora39, nil)
		_, err := engine(nil, &IO{}, h, nil).Select(toolbx.SelectRequest{Name: tt.name, NameArg: tt.arg})
		want := "Error: invalid argument for '" + tt.arg + "'\nContainer names must match '[a-zA-Z0-9][a-zA-Z0-9_.-]*'.\n" + hint
		if tt.ok && err != nil || !tt.ok && errText(err) != want {
			t.Errorf("Select(%q, %q) = %q", tt.name, tt.arg, errText(err))
		}
	}
}
