package podman

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// ImageIndex runs `podman info` and returns the path of the image store's
// index (DRIVER-images/images.json under the graph root), which
// containers/storage replaces, by renaming a new file over it, on every
// change to the store's images.
func (c *Client) ImageIndex(ctx context.Context) (string, error) {
	out, err := c.output(ctx, "info", "--format", "json")
	if err != nil {
		return "", fmt.Errorf("podman info: %w", err)
	}
	var info struct {
		Store struct {
			GraphRoot       string
			GraphDriverName string
		}
	}
	if err := json.Unmarshal(out, &info); err != nil || info.Store.GraphRoot == "" || info.Store.GraphDriverName == "" {
		return "", fmt.Errorf("podman info: no graph root and driver")
	}
	return filepath.Join(info.Store.GraphRoot, info.Store.GraphDriverName+"-images", "images.json"), nil
}

// StoreKey identifies the podman binary and the storage configuration in
// effect: the environment and files that choose the graph root and driver.
// Container names are unique per store only, so caches keyed by name are
// keyed by this too.
func StoreKey(getenv func(string) string) string {
	var b strings.Builder
	for _, name := range []string{"CONTAINERS_STORAGE_CONF", "CONTAINERS_CONF", "STORAGE_DRIVER", "STORAGE_OPTS",
		"XDG_DATA_HOME", "XDG_CONFIG_HOME", "HOME"} {
		fmt.Fprintf(&b, "%s=%s;", name, getenv(name))
	}
	config := getenv("XDG_CONFIG_HOME")
	if config == "" {
		config = filepath.Join(getenv("HOME"), ".config")
	}
	files := []string{getenv("CONTAINERS_STORAGE_CONF"), "/etc/containers/storage.conf",
		"/usr/share/containers/storage.conf", filepath.Join(config, "containers", "storage.conf")}
	if path, err := lookPath("podman"); err == nil {
		files = append(files, path)
	}
	for _, f := range files {
		if f != "" {
			fmt.Fprintf(&b, "%s:%s;", f, FileState(f))
		}
	}
	return fmt.Sprintf("uid=%d;%s", os.Getuid(), b.String())
}

// BinaryState identifies the podman binary on PATH by path, size and
// modification time: it changes when podman is upgraded.
func BinaryState() string {
	path, err := lookPath("podman")
	if err != nil {
		return ""
	}
	return path + " " + FileState(path)
}

// FileState is a file's inode, size and modification time, or "" when it
// cannot be read.
func FileState(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	var ino uint64
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		ino = st.Ino
	}
	return fmt.Sprintf("%d/%d/%d", ino, fi.Size(), fi.ModTime().UnixNano())
}
