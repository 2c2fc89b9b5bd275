package podman

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// ListImagesCached is ListImages without starting podman when nothing in
// the image store changed since the last call: containers/storage
// rewrites the store's index (DRIVER-images/images.json under the graph
// root) on every change, by renaming a new file over it, so its inode,
// size and modification time identify a state of the store. The cache
// lives in dir; storeKey identifies podman and its storage configuration
// (see StoreKey), under which the graph root and driver are remembered.
func (c *Client) ListImagesCached(ctx context.Context, dir, storeKey string) ([]Image, error) {
	index, err := c.imageIndex(ctx, dir, storeKey)
	if err != nil {
		return c.ListImages(ctx)
	}
	cacheFile := filepath.Join(dir, "go-images")
	before := fileState(index)
	if before == "" {
		return c.ListImages(ctx)
	}
	if data, err := os.ReadFile(cacheFile); err == nil {
		if state, raw, ok := bytes.Cut(data, []byte("\n")); ok && string(state) == before {
			if list, err := decodeImages(raw); err == nil {
				return list, nil
			}
		}
	}
	list, raw, err := c.listImages(ctx)
	if err != nil {
		return nil, err
	}
	if fileState(index) == before { // nothing changed while podman listed
		writeAtomically(cacheFile, append([]byte(before+"\n"), raw...))
	}
	return list, nil
}

// imageIndex returns the path of the image store's index, asking
// `podman info` for the graph root and driver once per storeKey.
func (c *Client) imageIndex(ctx context.Context, dir, storeKey string) (string, error) {
	storeFile := filepath.Join(dir, "go-store")
	if data, err := os.ReadFile(storeFile); err == nil {
		lines := strings.Split(string(data), "\n")
		if len(lines) >= 2 && lines[0] == storeKey {
			return lines[1], nil
		}
	}
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
	index := filepath.Join(info.Store.GraphRoot, info.Store.GraphDriverName+"-images", "images.json")
	writeAtomically(storeFile, []byte(storeKey+"\n"+index+"\n"))
	return index, nil
}

// StoreKey identifies the podman binary and the storage configuration in
// effect: the environment and files that choose the graph root and driver.
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
			fmt.Fprintf(&b, "%s:%s;", f, fileState(f))
		}
	}
	return fmt.Sprintf("uid=%d;%s", os.Getuid(), b.String())
}

// fileState is a file's inode, size and modification time, or "" when it
// cannot be read.
func fileState(path string) string {
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

// writeAtomically replaces path with data; a failure only costs the cache.
func writeAtomically(path string, data []byte) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr != nil || cerr != nil || os.Rename(f.Name(), path) != nil {
		os.Remove(f.Name())
	}
}
