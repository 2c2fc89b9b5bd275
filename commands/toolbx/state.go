package toolbx

import (
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/podman"
)

// State is what toolbox remembers between calls, in the runtime directory
// (so it goes away at reboot): the entry point of each container it saw
// initialised, which podman binary was checked for a migration, and the
// last list of images. Every file is written whole through a temporary
// file of its own, so concurrent calls never see a torn one, and each is
// only a shortcut: losing one costs a podman call, never a wrong answer.
type State struct {
	dir string // the host's path of the runtime directory
	// storeKey identifies podman's store (podman.StoreKey): names are
	// unique per store only.
	storeKey string
}

// state is e's State.
func (e *Engine) state() State { return NewState(e.Host) }

// NewState is the state toolbox keeps for the user of h.
func NewState(h *host.Host) State {
	return State{dir: h.Path(h.RuntimeDir()), storeKey: podman.StoreKey(h.Getenv)}
}

// write replaces file in the state directory with data.
func (s State) write(file string, data []byte) error {
	path := filepath.Join(s.dir, file)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return host.WriteFileAtomic(path, data, 0o600)
}

// read returns file's content, "" when there is none.
func (s State) read(file string) string {
	data, _ := os.ReadFile(filepath.Join(s.dir, file))
	return string(data)
}

// EntryPointFile is the host's path of name's entry.
func (s State) EntryPointFile(name string) string {
	return filepath.Join(s.dir, s.entryPointFile(name))
}

// entryPointFile is container name's entry in this store.
func (s State) entryPointFile(name string) string {
	sum := fnv.New32a()
	sum.Write([]byte(s.storeKey))
	return filepath.Join("go-entry-points", fmt.Sprintf("%s@%08x", name, sum.Sum32()))
}

// EntryPoint returns the PID of name's entry point and the ID of the
// container, as remembered; an entry without an ID (written by an older
// toolbox) is stale, and isAlive never takes it.
func (s State) EntryPoint(name string) (pid int, id string) {
	f := strings.Fields(s.read(s.entryPointFile(name)))
	if len(f) == 0 {
		return 0, ""
	}
	pid, _ = strconv.Atoi(f[0])
	if len(f) > 1 {
		id = f[1]
	}
	return pid, id
}

// RememberEntryPoint records pid as the entry point of container id,
// known to the user as name.
func (s State) RememberEntryPoint(name string, pid int, id string) {
	_ = s.write(s.entryPointFile(name), []byte(fmt.Sprintf("%d %s\n", pid, id)))
}

// ForgetEntryPoint drops name's entry: a container of that name was made
// or removed.
func (s State) ForgetEntryPoint(name string) {
	_ = os.Remove(filepath.Join(s.dir, s.entryPointFile(name)))
}
