package host

import (
	"os"
	"strings"
)

// OSRelease reads ID and VERSION_ID from os-release(5).
func (h *Host) OSRelease() (id, version string) {
	for _, p := range []string{"/etc/os-release", "/usr/lib/os-release"} {
		if data, err := os.ReadFile(h.Path(p)); err == nil {
			return ParseOSRelease(string(data))
		}
	}
	return "", ""
}

// ParseOSRelease reads ID and VERSION_ID from os-release(5) lines.
func ParseOSRelease(data string) (id, version string) {
	for line := range strings.Lines(data) {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"'`)
		switch k {
		case "ID":
			id = v
		case "VERSION_ID":
			version = v
		}
	}
	return id, version
}
