package toolbx

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/toolbx-go/toolbox/podman"
)

// VolumeProblem says what is wrong with a create --volume.
type VolumeProblem int

// The problems of VolumeError.
const (
	VolumeSyntax             VolumeProblem = iota // not SRC:DST[:OPTIONS]
	VolumeSourceMissing                           // Path: the source
	VolumeRelativeDest                            // Path: the destination
	VolumeReservedDest                            // Path: the path of toolbox's that it meets
	VolumeDuplicateDest                           // Path: the destination
	VolumeBadOption                               // Option
	VolumeConflictingOptions                      // Option: the second one
)

// VolumeError is a create --volume that toolbox refuses.
type VolumeError struct {
	Volume  string
	Problem VolumeProblem
	Path    string
	Option  string
}

func (e *VolumeError) Error() string { return "bad volume " + e.Volume }

// VolumeOptions are podman's options of a bind mount (podman-create(1),
// --volume), in groups of which one option at most may be given.
func VolumeOptions() [][]string {
	return [][]string{
		{"rw", "ro"},
		{"z", "Z"},
		{"shared", "rshared", "slave", "rslave", "private", "rprivate", "unbindable", "runbindable"},
		{"bind", "rbind"},
		{"copy", "nocopy"},
		{"dev", "nodev"},
		{"exec", "noexec"},
		{"suid", "nosuid"},
		{"O"}, {"U"}, {"idmap"},
	}
}

// reservedPaths are where toolbox puts something of its own: the
// destinations of the recipe's volumes, the links its entry point's flags
// ask for, and what init-container links, writes or binds (links.go,
// hosts.go, user.go, mounts.go in initctr). A volume may neither be one
// of them, nor be inside one, nor hold one.
func reservedPaths(recipe podman.CreateOptions) []string {
	var paths []string
	for _, v := range recipe.Volumes {
		if parts := strings.Split(v, ":"); len(parts) > 1 {
			paths = append(paths, parts[1])
		}
	}
	paths = append(paths,
		"/proc", "/sys", "/run/.containerenv", "/run/.toolboxenv", "/run/.toolbxenv",
		"/etc/hosts", "/etc/host.conf", "/etc/resolv.conf", "/etc/localtime", "/etc/timezone",
		"/etc/machine-id", "/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow",
		"/etc/sudoers.d", "/etc/krb5.conf.d", "/etc/pkcs11", "/etc/ssh/sshd_config.d",
		"/etc/ld.so.conf.d", "/usr/lib/rpm/macros.d", "/tmp",
		"/run/libvirt", "/run/systemd/journal", "/run/systemd/resolve", "/run/systemd/sessions",
		"/run/systemd/system", "/run/systemd/users", "/run/udev/data", "/run/udev/tags",
		"/var/lib/flatpak", "/var/lib/libvirt", "/var/lib/systemd/coredump", "/var/log/journal", "/var/mnt",
	)
	links := map[string]string{"--home-link": "/home", "--media-link": "/media", "--mnt-link": "/mnt"}
	for _, arg := range recipe.Command {
		if link, ok := links[arg]; ok {
			paths = append(paths, link)
		}
	}
	return paths
}

// userVolumes checks create's --volume values against the recipe's
// volumes and returns them as podman takes them, a relative source made
// absolute. Nothing is created when one is refused.
func (e *Engine) userVolumes(specs []string, recipe podman.CreateOptions) ([]string, error) {
	reserved := reservedPaths(recipe)
	var out, dests []string
	for _, spec := range specs {
		parts := strings.Split(spec, ":")
		if len(parts) < 2 || len(parts) > 3 || parts[0] == "" || parts[1] == "" || (len(parts) == 3 && parts[2] == "") {
			return nil, &VolumeError{Volume: spec, Problem: VolumeSyntax}
		}
		src, dst := parts[0], parts[1]
		if !filepath.IsAbs(src) {
			if e.Host.CwdErr != nil {
				return nil, e.Host.CwdErr
			}
			src = filepath.Join(e.Host.Cwd, src)
		}
		if _, err := os.Stat(e.Host.Path(src)); err != nil {
			return nil, &VolumeError{Volume: spec, Problem: VolumeSourceMissing, Path: parts[0]}
		}
		if !filepath.IsAbs(dst) {
			return nil, &VolumeError{Volume: spec, Problem: VolumeRelativeDest, Path: dst}
		}
		dst = filepath.Clean(dst)
		if r := slices.IndexFunc(reserved, func(r string) bool { return overlaps(dst, r) }); r >= 0 {
			return nil, &VolumeError{Volume: spec, Problem: VolumeReservedDest, Path: reserved[r]}
		}
		if slices.Contains(dests, dst) {
			return nil, &VolumeError{Volume: spec, Problem: VolumeDuplicateDest, Path: dst}
		}
		dests = append(dests, dst)
		v := filepath.Clean(src) + ":" + dst
		if len(parts) == 3 {
			if err := checkVolumeOptions(spec, parts[2]); err != nil {
				return nil, err
			}
			v += ":" + parts[2]
		}
		out = append(out, v)
	}
	return out, nil
}

// checkVolumeOptions accepts podman's options, at most one of each group.
func checkVolumeOptions(spec, options string) error {
	groups := VolumeOptions()
	seen := make([]string, len(groups))
	for _, opt := range strings.Split(options, ",") {
		name, _, _ := strings.Cut(opt, "=")
		g := slices.IndexFunc(groups, func(group []string) bool { return slices.Contains(group, name) })
		switch {
		case g < 0 || (name != opt && name != "idmap"):
			return &VolumeError{Volume: spec, Problem: VolumeBadOption, Option: opt}
		case seen[g] != "":
			return &VolumeError{Volume: spec, Problem: VolumeConflictingOptions, Option: opt}
		}
		seen[g] = opt
	}
	return nil
}

// overlaps says whether a and b are the same path, or one holds the other.
func overlaps(a, b string) bool {
	a, b = filepath.Clean(a), filepath.Clean(b)
	within := func(p, dir string) bool { return dir == "/" || strings.HasPrefix(p, dir+"/") }
	return a == b || within(a, b) || within(b, a)
}
