package podman

import (
	"errors"
	"strings"
	"testing"
)

func TestParseReference(t *testing.T) {
	digest := "sha256:" + strings.Repeat("0123456789abcdef", 4)
	for image, want := range map[string]Reference{
		"fedora-toolbox:39":                            {Path: "fedora-toolbox", Tag: "39"},
		"registry.fedoraproject.org/fedora-toolbox:39": {Domain: "registry.fedoraproject.org", Path: "fedora-toolbox", Tag: "39"},
		"quay.io/toolbx/arch-toolbox:latest":           {Domain: "quay.io", Path: "toolbx/arch-toolbox", Tag: "latest"},
		"localhost:5000/a/b":                           {Domain: "localhost:5000", Path: "a/b"},
		"localhost/fixture:1":                          {Domain: "localhost", Path: "fixture", Tag: "1"},
		"library/busybox":                              {Path: "library/busybox"},
		"r.example:443/a:1@" + digest:                  {Domain: "r.example:443", Path: "a", Tag: "1", Digest: digest},
		"abcdef123456":                                 {Path: "abcdef123456"},
	} {
		got, err := ParseReference(image)
		if err != nil || got != want {
			t.Errorf("ParseReference(%q) = %+v, %v; want %+v", image, got, err, want)
		}
		if err == nil && got.String() != image {
			t.Errorf("ParseReference(%q).String() = %q", image, got.String())
		}
	}
	if r, _ := ParseReference("quay.io/toolbx/arch-toolbox:latest@" + digest); r.Repository() != "quay.io/toolbx/arch-toolbox" || r.Basename() != "arch-toolbox" {
		t.Errorf("Repository %q, Basename %q", r.Repository(), r.Basename())
	}
}

// TestParseReferenceRefuses: what podman would refuse, with the reason.
func TestParseReferenceRefuses(t *testing.T) {
	for image, want := range map[string]string{
		"UPPER/Case":             "repository name must be lowercase",
		"UP/x":                   "repository name must be lowercase",
		"a b":                    "invalid reference format",
		"x:y:z":                  "invalid reference format",
		"foo@sha256:xyz":         "invalid reference format",
		"foo@sha256:00":          "invalid reference format",
		"-l":                     "invalid reference format",
		"":                       "repository name must have at least one component",
		strings.Repeat("a", 300): "repository name must not be more than",
	} {
		_, err := ParseReference(image)
		var re *ReferenceError
		if !errors.As(err, &re) || re.Image != image || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseReference(%q) = %v, want %q", image, err, want)
		}
	}
	if _, err := ParseReference("Up.example/x"); err != nil {
		t.Errorf("a domain in upper case: %v", err)
	}
}
