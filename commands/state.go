package commands

import (
	"os"
	"path/filepath"
)

// writeAtomically replaces path with data through a temporary file of its
// own in the same directory, so that concurrent toolbox processes never
// see, or leave, a half-written file.
func writeAtomically(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
