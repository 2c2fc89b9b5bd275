package podman_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/toolbx-go/toolbox/podman"
)

// fixture returns testdata/NAME, or data itself when it is inline JSON.
func fixture(t *testing.T, data string) []byte {
	t.Helper()
	if data[0] == '[' || data[0] == '{' {
		return []byte(data)
	}
	b, err := os.ReadFile(filepath.Join("testdata", data))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ctrSummary is what toolbox reads from a decoded Container.
type ctrSummary struct {
	ID, Image, State string
	Names            []string
	Created          time.Time
	Toolbx, Running  bool
	Pid              int
	Cmd0             string
	Mounts           []string
}

func summarize(c podman.Container) ctrSummary {
	s := ctrSummary{ID: c.ID, Image: c.Image, State: c.State, Names: c.Names, Created: c.Created.UTC(),
		Toolbx: podman.IsToolbx(c.Labels), Running: c.Running(), Pid: c.Pid}
	if len(c.Cmd) > 0 {
		s.Cmd0 = c.Cmd[0]
	}
	for _, m := range c.Mounts {
		s.Mounts = append(s.Mounts, m.Destination)
	}
	return s
}

const (
	fxcID  = "7276a3029a9c067e5b855310a7008c1cd0bf85d2f9986047cca7beb41e194d8e"
	fxiID  = "5fc8f693bcb45e37066c3807c299b87bca4637f6eb39d5d871a0045c73af26e1"
	oldID  = "b23f7c69ddec697f803b8acc40e85d212198c1baea9ffe193e7b3e0d2a020a39"
	f29    = "registry.fedoraproject.org/f29/fedora-toolbox:29"
	legacy = `{"com.github.debarshiray.toolbox": "true"}`
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestDecodeContainers(t *testing.T) {
	tests := []struct {
		name, data string
		want       ctrSummary
	}{
		{"podman 4.3.1 ps", "ps-4.3.json", ctrSummary{ID: fxcID, Image: "localhost/fixture:1", State: "created",
			Names: []string{"fxc"}, Created: time.Unix(1795780577, 0).UTC(), Toolbx: true}},
		{"podman 4.3.1 inspect", "inspect-container-4.3.json", ctrSummary{ID: fxcID, Image: "localhost/fixture:1",
			State: "created", Names: []string{"fxc"}, Created: utc("2026-11-27T11:56:17.358106407Z"), Toolbx: true, Cmd0: "/bin/true"}},
		{"podman 2.x ps running", `[{"Id": "` + oldID + `", "Names": ["a", "b"], "Image": "` + f29 + `",
			"Created": 1619352159, "CreatedAt": "5 minutes ago", "State": "running", "Status": "Up 5 minutes ago",
			"Pid": 42, "Labels": {"com.github.containers.toolbox": "true"}, "Mounts": ["/run/user/1000"]}]`,
			ctrSummary{ID: oldID, Image: f29, State: "running", Names: []string{"a", "b"}, Created: time.Unix(1619352159, 0).UTC(),
				Toolbx: true, Running: true, Pid: 42}},
		{"podman 1.x ps running", `[{"id": "` + oldID + `", "image": "` + f29 + `", "command": ["toolbox"],
			"createdAt": "2019-11-06T12:36:10.586442+01:00", "status": "running", "PID": 5302,
			"names": "fedora-toolbox-29", "labels": ` + legacy + `, "mounts": ["/run/user/1000"], "ctrRunning": true}]`,
			ctrSummary{ID: oldID, Image: f29, State: "running", Names: []string{"fedora-toolbox-29"},
				Created: utc("2019-11-06T11:36:10.586442Z"), Toolbx: true, Running: true, Pid: 5302}},
		{"podman 1.x ps configured", `[{"id": "` + oldID + `", "image": "` + f29 + `",
			"createdAt": "2019-11-06T11:36:10Z", "status": "configured", "PID": 0, "names": "old", "labels": null}]`,
			ctrSummary{ID: oldID, Image: f29, State: "configured", Names: []string{"old"}, Created: utc("2019-11-06T11:36:10Z")}},
		{"podman 1.1.2 inspect exited", `[{"Config": {"Cmd": ["sleep", "+Inf"], "Labels": ` + legacy + `},
			"Created": "2024-02-29T20:40:50.162797336+02:00", "Id": "` + oldID + `", "Image": "c7fab9e1",
			"ImageName": "localhost/fedora-toolbox-user:29", "Name": "fedora-toolbox-user-29",
			"Mounts": [{"destination": "/etc/profile.d/toolbox.sh", "source": "/etc/profile.d/toolbox.sh", "type": "bind"},
				{"destination": "/usr/bin/toolbox", "type": "bind"}],
			"State": {"ExitCode": 143, "Pid": 5302, "Status": "exited"}}]`,
			ctrSummary{ID: oldID, Image: "localhost/fedora-toolbox-user:29", State: "exited", Names: []string{"fedora-toolbox-user-29"},
				Created: utc("2024-02-29T18:40:50.162797336Z"), Toolbx: true, Pid: 5302, Cmd0: "sleep",
				Mounts: []string{"/etc/profile.d/toolbox.sh", "/usr/bin/toolbox"}}},
		{"podman 1.8.0 inspect running", `[{"Config": {"Cmd": ["toolbox", "--verbose", "init-container"]},
			"Created": "2020-03-03T10:32:20Z", "Id": "` + oldID + `", "ImageName": "` + f29 + `", "Name": "fedora-toolbox-30",
			"Mounts": [{"Destination": "/run/host/monitor", "Source": "/run/user/1000/.flatpak-helper/monitor", "Type": "bind"}],
			"State": {"Pid": 77, "Status": "running"}}]`,
			ctrSummary{ID: oldID, Image: f29, State: "running", Names: []string{"fedora-toolbox-30"}, Created: utc("2020-03-03T10:32:20Z"),
				Running: true, Pid: 77, Cmd0: "toolbox", Mounts: []string{"/run/host/monitor"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var list []podman.Container
			if err := json.Unmarshal(fixture(t, tt.data), &list); err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 {
				t.Fatalf("decoded %d containers, want 1", len(list))
			}
			if got := summarize(list[0]); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestDecodeImages(t *testing.T) {
	toolbx := map[string]string{"com.github.containers.toolbox": "true"}
	tests := []struct {
		name, data string
		want       podman.Image
	}{
		{"podman 4.3.1 images", "images-4.3.json", podman.Image{ID: fxiID, Names: []string{"localhost/fixture:1"},
			Created: time.Unix(1795780577, 0), Labels: toolbx, Size: 42100}},
		{"podman 4.3.1 inspect", "inspect-image-4.3.json", podman.Image{ID: fxiID, Names: []string{"localhost/fixture:1"},
			Created: utc("2026-11-27T11:56:17.092784565Z"), Labels: toolbx, Size: 42100}},
		{"podman 1.1.2 images", `[{"id": "4a6adf1f", "names": ["` + f29 + `"], "created": "2019-11-06T11:36:10.586442Z", "size": 437590766}]`,
			podman.Image{ID: "4a6adf1f", Names: []string{f29}, Created: utc("2019-11-06T11:36:10.586442Z"), Size: 437590766}},
		{"podman 1.x inspect, labels in Config", `[{"Id": "c49513de", "RepoTags": ["` + f29 + `"], "Created": "2020-03-03T10:32:20.503064Z",
			"Config": {"Labels": ` + legacy + `}, "Size": 1}]`,
			podman.Image{ID: "c49513de", Names: []string{f29}, Created: utc("2020-03-03T10:32:20.503064Z"),
				Labels: map[string]string{"com.github.debarshiray.toolbox": "true"}, Size: 1}},
		{"podman 4.9.4 images, dangling", `[{"Id": "77b83840", "RepoTags": null, "Labels": {"com.github.containers.toolbox": "true"},
			"Dangling": true, "History": ["docker.io/library/x-tmp:latest"], "Created": 1775683847, "CreatedAt": "2026-04-08T21:30:47Z"}]`,
			podman.Image{ID: "77b83840", Created: time.Unix(1775683847, 0), Labels: toolbx}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var list []podman.Image
			if err := json.Unmarshal(fixture(t, tt.data), &list); err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 {
				t.Fatalf("decoded %d images, want 1", len(list))
			}
			got := list[0]
			if !got.Created.Equal(tt.want.Created) {
				t.Errorf("Created = %v, want %v", got.Created, tt.want.Created)
			}
			got.Created = tt.want.Created
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestIsToolbx(t *testing.T) {
	tests := []struct {
		labels map[string]string
		want   bool
	}{
		{nil, false},
		{map[string]string{"com.github.containers.toolbox": "true"}, true},
		{map[string]string{"com.github.debarshiray.toolbox": "true"}, true},
		{map[string]string{"com.github.containers.toolbox": "false"}, false},
		{map[string]string{"name": "fedora-toolbox"}, false},
	}
	for _, tt := range tests {
		if got := podman.IsToolbx(tt.labels); got != tt.want {
			t.Errorf("IsToolbx(%v) = %v, want %v", tt.labels, got, tt.want)
		}
	}
}
