package commands

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/podman/podmantest"
)

var imagesArgs = argv("images", "--format", "json")

// imagesJSON is `podman images --format json` output; each image is
// ID, labelled, names...
func imagesJSON(imgs ...[]any) string {
	created := time.Now().Add(-72 * time.Hour).Unix()
	list := []map[string]any{}
	for _, img := range imgs {
		labels := map[string]string{}
		if img[1].(bool) {
			labels["com.github.containers.toolbox"] = "true"
		}
		names := []string{}
		for _, n := range img[2:] {
			names = append(names, n.(string))
		}
		list = append(list, map[string]any{"Id": img[0], "Names": names, "Labels": labels, "Created": created})
	}
	b, _ := json.Marshal(list)
	return string(b)
}

const (
	idA = "aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000"
	idB = "bbbbbbbbbbbb0000000000000000000000000000000000000000000000000000"
	f39 = "registry.fedoraproject.org/fedora-toolbox:39"
)

func TestList(t *testing.T) {
	// podman 4 lists an image with two names twice, each entry with both.
	imageA := []any{idA, true, f39, f39 + "-copy"}
	images := imagesJSON(imageA, []any{idB, true}, imageA, []any{"cccc", false, "quay.io/toolbox_tests/busybox"})
	ctrs := psJSON(ctr{name: "b-box", label: true, running: true}, ctr{name: "a-box", label: true}, ctr{name: "busy"})
	noToolbx := imagesJSON([]any{"cccc", false, "quay.io/toolbox_tests/busybox"})
	imageTable := "" +
		"IMAGE ID      IMAGE NAME                                         CREATED\n" +
		"bbbbbbbbbbbb  <none>                                             3 days ago\n" +
		"aaaaaaaaaaaa  " + f39 + "       3 days ago\n" +
		"aaaaaaaaaaaa  " + f39 + "-copy  3 days ago\n"
	ctrTable := "" +
		"CONTAINER ID  CONTAINER NAME  CREATED     STATUS   IMAGE NAME\n" +
		ctrID("a-box")[:12] + "  a-box           3 days ago  exited   " + f39 + "\n" +
		ctrID("b-box")[:12] + "  b-box           3 days ago  running  " + f39 + "\n"
	tests := []struct {
		name     string
		cmd      List
		ps, imgs string // "" when not asked for
		want     string
	}{
		{"nothing", List{}, "[]", "[]", ""},
		{"no Toolbx objects", List{}, psJSON(ctr{name: "busy"}), noToolbx, ""},
		{"no containers -c", List{Containers: true}, psJSON(ctr{name: "busy"}), "", ""},
		{"no images -i", List{Images: true}, "", noToolbx, ""},
		{"images only", List{Images: true}, "", images, imageTable},
		{"containers only", List{Containers: true}, ctrs, "", ctrTable},
		{"both flags", List{Containers: true, Images: true}, ctrs, images, imageTable + "\n" + ctrTable},
		{"both", List{}, ctrs, images, imageTable + "\n" + ctrTable},
		{"images, no containers", List{}, "[]", images, imageTable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls []call
			if tt.ps != "" {
				calls = append(calls, call{Args: psAll, Stdout: tt.ps})
			}
			h := testHost(t, fedora39, nil)
			if tt.imgs != "" {
				calls = append(calls, infoCall(h), call{Args: imagesArgs, Stdout: tt.imgs})
			}
			stdio, out, errb := testIO("")
			err := tt.cmd.Run(context.Background(), engine(podmantest.NewUnordered(t, calls...).Client(), stdio, h, nil), stdio)
			if err != nil || out.String() != tt.want || errb.Len() != 0 {
				t.Errorf("err %v, stderr %q, stdout:\n%s\nwant:\n%s", err, errb, out, tt.want)
			}
		})
	}
}

func TestListColours(t *testing.T) {
	ps := psJSON(ctr{name: "b-box", label: true, running: true}, ctr{name: "a-box", label: true})
	for _, tty := range []bool{false, true} {
		stdio, out, _ := testIO("")
		stdio.OutTTY = tty
		pm := podmantest.New(t, call{Args: psAll, Stdout: ps}).Client()
		if err := (&List{Containers: true}).Run(context.Background(), engine(pm, stdio, testHost(t, fedora39, nil), nil), stdio); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if len(lines) != 3 {
			t.Fatalf("tty %v: %d lines:\n%s", tty, len(lines), out)
		}
		if !tty {
			if strings.Contains(out.String(), "\033") {
				t.Errorf("escape sequences without a terminal: %q", out)
			}
			continue
		}
		for i, prefix := range []string{"\033[0;00mCONTAINER ID", "\033[0;00m" + ctrID("a-box")[:12], "\033[1;32m" + ctrID("b-box")[:12]} {
			if !strings.HasPrefix(lines[i], prefix) || !strings.HasSuffix(lines[i], "\033[0m") {
				t.Errorf("line %d = %q, want prefix %q and a reset", i, lines[i], prefix)
			}
		}
	}
}

func TestListErrors(t *testing.T) {
	for _, tt := range []struct {
		cmd  List
		c    call
		want string
	}{
		{List{Containers: true}, call{Args: psAll, Exit: 125}, "Error: failed to get containers\npodman exited with status 125\n"},
		{List{Images: true}, call{Args: imagesArgs, Exit: 125, Stderr: "\x1b[31mError: cannot re-exec\x1b[0m\n"}, "Error: failed to get images\npodman: cannot re-exec\n"},
		{List{Images: true}, call{Args: imagesArgs, Stdout: "{"}, "Error: failed to get images\n"},
	} {
		stdio, out, _ := testIO("")
		h := testHost(t, fedora39, nil)
		calls := []call{tt.c}
		if tt.cmd.Images {
			calls = []call{infoCall(h), tt.c}
		}
		err := tt.cmd.Run(context.Background(), engine(podmantest.New(t, calls...).Client(), stdio, h, nil), stdio)
		if errText(err) != tt.want || out.Len() != 0 {
			t.Errorf("%+v: error %q, stdout %q; want %q", tt.cmd, errText(err), out, tt.want)
		}
	}
}

// infoCall answers `podman info` with a graph root under the test's Root,
// where no image store exists: the image cache then asks podman.
func infoCall(h *host.Host) call {
	return call{Args: argv("info", "--format", "json"),
		Stdout: `{"Store":{"GraphRoot":"` + h.Path("/var/lib/containers/storage") + `","GraphDriverName":"overlay"}}`}
}

// TestListImageCache lists twice with the image store unchanged: the
// second list asks podman for containers only.
func TestListImageCache(t *testing.T) {
	h := testHost(t, fedora39, nil)
	writeFile(t, h.Path("/var/lib/containers/storage/overlay-images/images.json"), "[]")
	images := imagesJSON([]any{idA, true, f39})
	r := podmantest.NewUnordered(t, infoCall(h), call{Args: imagesArgs, Stdout: images}, call{Args: psAll, Stdout: "[]"})
	var first, second string
	for i, calls := range []*podmantest.Runner{r, podmantest.New(t, call{Args: psAll, Stdout: "[]"})} {
		stdio, out, _ := testIO("")
		if err := (&List{}).Run(context.Background(), engine(calls.Client(), stdio, h, nil), stdio); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = out.String()
		} else {
			second = out.String()
		}
	}
	if first == "" || first != second {
		t.Errorf("cached list differs:\n%s\nvs\n%s", first, second)
	}
	// A change to the store (a new index file) makes the next list ask again.
	writeFile(t, h.Path("/var/lib/containers/storage/overlay-images/images.json"), "[{}]")
	stdio, _, _ := testIO("")
	r = podmantest.NewUnordered(t, call{Args: imagesArgs, Stdout: images}, call{Args: psAll, Stdout: "[]"})
	if err := (&List{}).Run(context.Background(), engine(r.Client(), stdio, h, nil), stdio); err != nil {
		t.Fatal(err)
	}
}
