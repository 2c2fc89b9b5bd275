package commands

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/docker/go-units"

	"github.com/toolbx-go/toolbox/commands/toolbx"
	"github.com/toolbx-go/toolbox/podman"
)

// List is `toolbox list`.
type List struct {
	Containers bool `short:"c" help:"List only Toolbx containers, not images."`
	Images     bool `short:"i" help:"List only Toolbx images, not containers."`
}

func (*List) needs() needs { return needs{onHost: true, podman: true, config: true} }

// Run implements the command.
func (c *List) Run(ctx context.Context, e *toolbx.Engine, stdio *IO) error {
	showCtrs, showImgs := c.Containers || !c.Images, c.Images || !c.Containers
	var ctrs []podman.Container
	var imgs []podman.Image
	var ctrErr, imgErr error
	var wg sync.WaitGroup
	if showCtrs {
		wg.Go(func() { ctrs, ctrErr = e.Containers(ctx) })
	}
	if showImgs {
		wg.Go(func() { imgs, imgErr = e.CachedImages(ctx) })
	}
	wg.Wait()
	// Toolbx lists images first and stops at the first failure.
	if imgErr != nil {
		return imgErr
	}
	if ctrErr != nil {
		return ctrErr
	}
	now := time.Now()
	listImages(stdio.Out, imgs, now)
	if len(imgs) > 0 && len(ctrs) > 0 {
		fmt.Fprintln(stdio.Out)
	}
	listContainers(stdio.Out, ctrs, now, stdio.OutTTY)
	return nil
}

// created renders a creation time as "N units ago".
func created(t, now time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return units.HumanDuration(now.Sub(t)) + " ago"
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// listImages prints one row per image name, sorted by name.
func listImages(w io.Writer, imgs []podman.Image, now time.Time) {
	if len(imgs) == 0 {
		return
	}
	type row struct{ id, name, created string }
	var rows []row
	for _, img := range imgs {
		names := img.Names
		if len(names) == 0 {
			names = []string{"<none>"}
		}
		for _, n := range names {
			rows = append(rows, row{shortID(img.ID), n, created(img.Created, now)})
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return strings.Compare(a.name, b.name) })
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\n", "IMAGE ID", "IMAGE NAME", "CREATED")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.id, r.name, r.created)
	}
	tw.Flush()
}

// listContainers prints the containers sorted by name; on a terminal the
// running ones are bold green.
func listContainers(w io.Writer, ctrs []podman.Container, now time.Time, tty bool) {
	if len(ctrs) == 0 {
		return
	}
	slices.SortStableFunc(ctrs, func(a, b podman.Container) int { return strings.Compare(a.Name(), b.Name()) })
	const normal, green, reset = "\033[0;00m", "\033[1;32m", "\033[0m"
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	line := func(color string, cols ...string) {
		text := strings.Join(cols, "\t")
		if tty {
			text = color + text + reset
		}
		fmt.Fprintln(tw, text)
	}
	line(normal, "CONTAINER ID", "CONTAINER NAME", "CREATED", "STATUS", "IMAGE NAME")
	for _, c := range ctrs {
		color := normal
		if c.Running() {
			color = green
		}
		line(color, shortID(c.ID), c.Name(), created(c.Created, now), status(c), c.Image)
	}
	tw.Flush()
}

// status is the container's state as Toolbx shows it: "running",
// "exited", "created".
func status(c podman.Container) string {
	if c.State != "" {
		return c.State
	}
	return strings.ToLower(c.Status)
}
