package podman

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Fuzz tests of what toolbox reads from podman and the user: image
// references, and podman's JSON. No input may panic; a reference that is
// refused says which image and why.

func FuzzParseReference(f *testing.F) {
	for _, s := range []string{"fedora-toolbox:39", "registry.fedoraproject.org/fedora-toolbox:39", "localhost:5000/a/b",
		"UPPER/Case", "a b", "x:y:z", "foo@sha256:xyz", "-l", "", "quay.io/x/y@sha256:" + strings.Repeat("0", 64)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, image string) {
		r, err := ParseReference(image)
		if err != nil {
			if !strings.Contains(err.Error(), image) {
				t.Errorf("%q: %v does not name the image", image, err)
			}
			return
		}
		if r.Path == "" || r.Basename() == "" || strings.ToLower(r.Path) != r.Path {
			t.Errorf("%q: %+v", image, r)
		}
	})
}

// seedJSON adds podman's real output (testdata) to f.
func seedJSON(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`[{"Names": "a,b", "State": {"Status": "running", "Pid": 3}, "Created": "2020-01-02T15:04:05Z"}]`))
	f.Add([]byte(`[{"Id": 1}]`))
}

func FuzzContainersJSON(f *testing.F) {
	seedJSON(f, "ps-4.3.json", "inspect-container-4.3.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		var list []Container
		if json.Unmarshal(data, &list) == nil {
			for _, c := range list {
				_ = c.Name()
				_ = c.Running()
				_ = IsToolbx(c.Labels)
			}
		}
	})
}

func FuzzImagesJSON(f *testing.F) {
	seedJSON(f, "images-4.3.json", "images-4.3-two-names.json", "inspect-image-4.3.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		if list, err := DecodeImages(data); err == nil {
			seen := map[string]bool{}
			for _, img := range list {
				if seen[img.ID] {
					t.Errorf("image %s listed twice", img.ID)
				}
				seen[img.ID] = true
			}
		}
	})
}

func FuzzManifestJSON(f *testing.F) {
	seedJSON(f, "skopeo-inspect-raw-index-1.9.json", "skopeo-inspect-raw-oci-1.9.json", "skopeo-inspect-raw-v2s2-1.9.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		var m Manifest
		if json.Unmarshal(data, &m) == nil {
			if size, err := layersSize("i", m); err == nil && len(m.Layers) == 0 {
				t.Errorf("size %d without layers", size)
			}
			_, _ = pickManifest(m.Manifests, "linux", "amd64")
		}
	})
}
