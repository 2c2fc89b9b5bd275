package commands

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/podman/podmantest"
)

// noSuchCtr is podman's answer to inspect or start of a missing container.
func noSuchCtr(args []string) call {
	name := args[len(args)-1]
	if args[0] == "start" {
		return call{Args: args, Exit: 125, Stderr: `Error: no container with name or ID "` + name + `" found: no such container` + "\n"}
	}
	return call{Args: args, Exit: 125, Stderr: "Error: inspecting object: no such container " + name + "\n"}
}

// TestEnsureReady covers the PID cache: which podman calls each state of
// the cache and of the entry point costs, and what is remembered after.
func TestEnsureReady(t *testing.T) {
	const name = "box"
	stopped := call{Args: inspectCtr(name), Stdout: inspectJSON(ctr{name: name, label: true})}
	needsMigrate := call{Args: argv("start", "--", name), Exit: 125,
		Stderr: "Error: unable to start container \"box\": oci runtime \"runc\" does not support CGroups V2: use system migrate to mitigate\n"}
	runningAt := func(pid int) call {
		return call{Args: inspectCtr(name), Stdout: inspectJSON(ctr{name: name, label: true, running: true, pid: pid})}
	}
	tests := []struct {
		name   string
		setup  func(t *testing.T, h *host.Host)
		calls  []call
		err    string // "" for success, else the worded error
		cached int    // the PID cached afterwards
		bug    string
	}{
		{name: "known and alive", setup: func(t *testing.T, h *host.Host) { knownReady(t, h, name, 42) }, cached: 42},
		{name: "not seen before, running", setup: func(t *testing.T, h *host.Host) { initialized(t, h, 42) },
			calls: []call{runningAt(42)}, cached: 42},
		{name: "not seen before, stopped", setup: func(t *testing.T, h *host.Host) { initialized(t, h, 43) },
			calls: []call{stopped, {Args: argv("start", "--", name)}, runningAt(43)}, cached: 43},
		{name: "known, entry point gone", setup: func(t *testing.T, h *host.Host) {
			knownPID(t, h, name, 42)
			initialized(t, h, 42) // the stamp outlives the process
			runningEntryPoint(t, h, name, 43)
		}, calls: []call{{Args: argv("start", "--", name)}}, cached: 43},
		{name: "known, PID recycled by another process", setup: func(t *testing.T, h *host.Host) {
			knownPID(t, h, name, 42)
			initialized(t, h, 42)
			writeFile(t, filepath.Join(h.Path("/proc/42/cmdline")), "bash\x00")
			runningEntryPoint(t, h, name, 43)
		}, calls: []call{{Args: argv("start", "--", name)}}, cached: 43},
		{name: "known, alive but no stamp", setup: func(t *testing.T, h *host.Host) {
			knownPID(t, h, name, 42)
			writeFile(t, filepath.Join(h.Path("/proc/42/cmdline")), "toolbox\x00init-container\x00")
			runningEntryPoint(t, h, name, 43)
		}, calls: []call{{Args: argv("start", "--", name)}}, cached: 43},
		{name: "known, PID recycled by another container's entry point", setup: func(t *testing.T, h *host.Host) {
			knownPID(t, h, name, 42)
			runningEntryPoint(t, h, "other", 42)
			runningEntryPoint(t, h, name, 43)
		}, calls: []call{{Args: argv("start", "--", name)}}, cached: 43},
		{name: "known by an older toolbox, without the ID", setup: func(t *testing.T, h *host.Host) {
			writeFile(t, pidCacheFile(h, name), "42\n")
			runningEntryPoint(t, h, name, 42)
		}, calls: []call{{Args: argv("start", "--", name)}}, cached: 42},
		{name: "known, another container's entry point is ready", setup: func(t *testing.T, h *host.Host) {
			knownPID(t, h, name, 42)
			runningEntryPoint(t, h, "other", 44)
			runningEntryPoint(t, h, name, 43)
		}, calls: []call{{Args: argv("start", "--", name)}}, cached: 43},
		{name: "not seen before, missing", calls: []call{noSuchCtr(inspectCtr(name))}, err: "container box not found"},
		{name: "known, removed since", setup: func(t *testing.T, h *host.Host) { knownPID(t, h, name, 42) },
			calls: []call{noSuchCtr(argv("start", "--", name))}, err: "container box not found", cached: 42},
		{name: "inspect fails", calls: []call{{Args: inspectCtr(name), Exit: 125, Stderr: "Error: database is locked\n"}},
			err: "failed to inspect container box\npodman: database is locked"},
		{name: "not seen before, start fails", calls: []call{stopped,
			{Args: argv("start", "--", name), Exit: 125, Stderr: "Error: unable to start container \"box\": cgroup v1 is not supported\n"}},
			err: "failed to start container box\npodman: unable to start container \"box\": cgroup v1 is not supported"},
		{name: "known, start fails", setup: func(t *testing.T, h *host.Host) { knownPID(t, h, name, 42) },
			calls: []call{{Args: argv("start", "--", name), Exit: 125, Stderr: "Error: unable to start container \"box\": cgroup v1 is not supported\n"}},
			err:   "failed to start container box\npodman: unable to start container \"box\": cgroup v1 is not supported", cached: 42},
		{name: "not seen before, start asks for system migrate", setup: func(t *testing.T, h *host.Host) { initialized(t, h, 43) },
			calls:  []call{stopped, needsMigrate, {Args: argv("system", "migrate", "--new-runtime", "runc")}, {Args: argv("start", "--", name)}, runningAt(43)},
			cached: 43},
		{name: "known, start asks for system migrate", setup: func(t *testing.T, h *host.Host) {
			knownPID(t, h, name, 42)
			runningEntryPoint(t, h, name, 43)
		}, calls: []call{needsMigrate, {Args: argv("system", "migrate", "--new-runtime", "runc")}, {Args: argv("start", "--", name)}}, cached: 43},
		{name: "known, system migrate fails", setup: func(t *testing.T, h *host.Host) { knownPID(t, h, name, 42) },
			calls: []call{needsMigrate, {Args: argv("system", "migrate", "--new-runtime", "runc"), Exit: 125}},
			err:   "failed to migrate containers to OCI runtime runc\nFactory reset with: podman system reset", cached: 42},
		{name: "not seen before, start fails after system migrate", calls: []call{stopped, needsMigrate,
			{Args: argv("system", "migrate", "--new-runtime", "runc")}, needsMigrate},
			err: "container box doesn't support cgroups v1\nFactory reset with: podman system reset"},
		{name: "too old", calls: []call{{Args: inspectCtr(name), Stdout: inspectJSON(ctr{name: name, label: true, running: true, pid: 42, cmd0: "/bin/true"})}},
			err: "container box is too old and no longer supported\nRecreate it with Toolbx version 0.0.97 or newer."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.bug != "" {
				t.Skip("BUG: " + tt.bug)
			}
			h := testHost(t, fedora39, nil)
			if tt.setup != nil {
				tt.setup(t, h)
			}
			stdio, _, _ := testIO("")
			_, err := engine(podmantest.New(t, tt.calls...).Client(), stdio, h, nil).Ready(context.Background(), name)
			if got := errString(Word(err)); got != tt.err {
				t.Errorf("ensureReady = %q, want %q", got, tt.err)
			}
			if got, _ := cachedEntryPoint(h, name); got != tt.cached {
				t.Errorf("cached PID %d, want %d", got, tt.cached)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestEnsureReadyWaits starts a known, stopped container whose entry point
// leaves its stamp a little later: the wait ends on the file system event,
// well before the once-a-second liveness check would run, and podman is
// not asked for the entry point's PID.
func TestEnsureReadyWaits(t *testing.T) {
	h := testHost(t, fedora39, nil)
	knownPID(t, h, "box", 42)
	mkdir(t, filepath.Dir(stampPath(h, 43)))
	r := podmantest.NewFunc(t, func(a []string) call {
		switch a[0] {
		case "start":
			entryPoint(t, h, "box", 43)
			time.AfterFunc(50*time.Millisecond, func() {
				if err := os.WriteFile(stampPath(h, 43), nil, 0o644); err != nil {
					t.Error(err)
				}
			})
			return call{}
		case "inspect":
			return call{Stdout: inspectJSON(ctr{name: "box", label: true, running: true, pid: 43})}
		}
		t.Errorf("unexpected podman %q", a)
		return call{Exit: 125}
	})
	start := time.Now()
	stdio, _, _ := testIO("")
	if _, err := engine(r.Client(), stdio, h, nil).Ready(context.Background(), "box"); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 900*time.Millisecond {
		t.Errorf("waited %v for the stamp: not woken by inotify", d)
	}
	if got := verbs(r); got != "start" {
		t.Errorf("podman verbs %s, want start", got)
	}
	if got, _ := cachedEntryPoint(h, "box"); got != 43 {
		t.Errorf("cached PID %d, want 43", got)
	}
}

// verbs is the first word of each podman call so far, comma-separated.
func verbs(r *podmantest.Runner) string {
	var v []string
	for _, c := range r.Calls() {
		v = append(v, c[0])
	}
	return strings.Join(v, ",")
}

// TestDeprecatedMonitorWarning: a container made by Toolbx before 0.0.97
// has /run/host/monitor mounted; it still works, with Toolbx's warning.
func TestDeprecatedMonitorWarning(t *testing.T) {
	for _, tt := range []struct {
		mount string
		want  string
	}{
		{"/run/host/monitor", "Warning: container box uses deprecated features\n" +
			"Consider recreating it with Toolbx version 0.0.97 or newer.\n"},
		{"/run/host", ""},
	} {
		var inspected []map[string]any
		if err := json.Unmarshal([]byte(inspectJSON(ctr{name: "box", label: true, running: true, pid: 42})), &inspected); err != nil {
			t.Fatal(err)
		}
		inspected[0]["Mounts"] = []map[string]string{{"Type": "bind", "Source": "/run/user/1000/.flatpak-helper/monitor", "Destination": tt.mount}}
		out, _ := json.Marshal(inspected)
		h := testHost(t, fedora39, nil)
		initialized(t, h, 42)
		stdio, _, errb := testIO("")
		pm := podmantest.New(t, call{Args: inspectCtr("box"), Stdout: string(out)}).Client()
		if _, err := engine(pm, stdio, h, nil).Ready(context.Background(), "box"); err != nil {
			t.Fatalf("%s: %v", tt.mount, err)
		}
		if errb.String() != tt.want {
			t.Errorf("%s: stderr %q, want %q", tt.mount, errb, tt.want)
		}
	}
}
