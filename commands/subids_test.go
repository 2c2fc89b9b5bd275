package commands

import (
	"os"
	"path/filepath"
	"testing"
)

func TestHasSubIDs(t *testing.T) {
	tests := []struct {
		name, subuid string
		want         bool
	}{
		{"by name", "user:100000:65536\n", true},
		{"by uid", "1000:100000:65536\n", true},
		{"other user", "someone:100000:65536\n", false},
		{"empty range", "user:100000:0\n", false},
		{"no file", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			if tt.subuid != "" {
				if err := os.MkdirAll(filepath.Join(root, "etc"), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(root, "etc/subuid"), []byte(tt.subuid), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			h := &Host{User: "user", UID: 1000, Root: root}
			if got := hasSubIDs(h, "/etc/subuid"); got != tt.want {
				t.Errorf("hasSubIDs = %v, want %v", got, tt.want)
			}
		})
	}
}
