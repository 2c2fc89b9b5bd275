package toolbx

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz tests of the parsers that read what users and other programs
// write: no input may panic, and every rejection must be a typed error
// that commands can word. The seeds are in the code; `go test -fuzz`
// adds what it finds to testdata/fuzz.

func FuzzContainerName(f *testing.F) {
	for _, s := range []string{"fedora-toolbox-39", "a_b.c-d", "-l", "_x", "ßpeci@l", "", "a b", "9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		ok := ValidContainerName(name)
		if ok && (name == "" || strings.ContainsAny(name, " /:\x00") || name[0] == '-') {
			t.Errorf("ValidContainerName(%q) = true", name)
		}
	})
}

func FuzzRelease(f *testing.F) {
	for _, s := range []string{"39", "f39", "F40", "8.10", "22.04", "4.10", "latest", "rolling", "testing", "-3", "0", "3.0", "2020.04", "04.10", "20.4", "", "x.y.z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, release string) {
		for _, d := range distros() {
			got, err := d.parseRelease(release)
			var re *ReleaseError
			switch {
			case err == nil && got == "" && d.name != "arch":
				t.Errorf("%s: %q parsed as empty", d.name, release)
			case err != nil && (!errors.As(err, &re) || re.Problem < NotLatest || re.Problem > MonthNotTwoDigits):
				t.Errorf("%s: %q: %v is not a ReleaseError commands can word", d.name, release, err)
			}
		}
	})
}

func FuzzConfig(f *testing.F) {
	for _, s := range []string{
		"[general]\ndistro = \"fedora\"\nrelease = 39\nimage = \"x\"\n", "[General]\nDistro = \"arch\"\n",
		"[general\n", "general = 1\n", "[general]\nrelease = 8.10\n", "# comment\n", "[general]\ndistro = [\"x\"]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		cfg, err := ParseConfig([]byte(data))
		if err == nil && !utf8.ValidString(cfg.Distro+cfg.Release+cfg.Image) {
			t.Errorf("%q: values not UTF-8: %+v", data, cfg)
		}
	})
}

// FuzzSelect: whatever toolbox.conf and the command line say, Select
// gives a selection with a valid container name and image, or a typed
// error.
func FuzzSelect(f *testing.F) {
	f.Add("fedora", "39", "", "", "", "")
	f.Add("", "", "arch", "44", "", "")
	f.Add("ubuntu", "", "", "", "quay.io/me/box:2", "box")
	f.Add("rhel", "8.10", "debian", "12", "UPPER/Case", "-l")
	f.Fuzz(func(t *testing.T, distro, release, cfgDistro, cfgRelease, image, name string) {
		os := func() (string, string) { return "debian", "12" }
		cfg := Config{Distro: cfgDistro, Release: cfgRelease, Image: image}
		sel, err := selectWith(os, cfg, SelectRequest{Name: name, Distro: distro, Release: release})
		var (
			de *DistroError
			re *ReleaseError
		)
		if err != nil && !errors.As(err, &de) && !errors.As(err, &re) {
			t.Fatalf("untyped error %v", err)
		}
		if err == nil && sel.Image == "" {
			t.Errorf("no image for %+v", sel)
		}
	})
}

func FuzzLogLine(f *testing.F) {
	for _, s := range []string{`level=debug msg="Creating /run/.toolboxenv"`, `level=warning msg="a \"b\"" err="x"`,
		"Error: TOOLBX_FAIL_ENTRY_POINT is set", `level=`, `msg="unterminated`, `level=info msg=plain rest`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		_, msg, ok := ParseLogLine(line)
		if !ok && msg != "" {
			t.Errorf("%q: message %q without a level", line, msg)
		}
	})
}
