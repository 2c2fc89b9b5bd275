#!/usr/bin/env bash
# Build a Toolbx image of Debian from Debian's package mirror, without any
# container registry: debootstrap a minbase root file system, configure it the
# way Toolbx images are configured, and `podman import` it.
#
# Usage: build-offline.sh [--force] [RELEASE]     RELEASE: 12 (default) or 11
#
# As root: debootstraps (about a minute) and caches the root file system as a
# tarball in the shared cache directory, then imports it into root's storage.
# As an ordinary user: imports the tarball that root left in the shared cache
# directory into the user's own storage (debootstrap needs root), so run this
# script as root once first.
#
# The result is localhost/debian-toolbox:RELEASE, also tagged
# quay.io/toolbx-images/debian-toolbox:RELEASE, the name that
# `toolbox create --distro debian --release RELEASE` resolves to.
#
# Environment:
#   TOOLBOX_IMAGES_CACHE  shared cache directory (default /var/cache/toolbox-images)
#   DEBIAN_MIRROR         package mirror (default http://deb.debian.org/debian)

set -euo pipefail

prog=${0##*/}

say() { printf '%s: %s\n' "$prog" "$*"; }
die() { printf '%s: error: %s\n' "$prog" "$*" >&2; exit 1; }

usage() {
	sed -n '6,20s/^# \{0,1\}//p' "$0"
}

force=false
release=12
while [ $# -gt 0 ]; do
	case $1 in
	--force) force=true ;;
	-h | --help) usage; exit 0 ;;
	-*) die "unknown option $1 (see --help)" ;;
	*) release=$1 ;;
	esac
	shift
done

case $release in
12) suite=bookworm ;;
11) suite=bullseye ;;
*) die "unsupported release '$release': use 12 or 11" ;;
esac

mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${TOOLBOX_IMAGES_CACHE:-/var/cache/toolbox-images}
image=localhost/debian-toolbox:$release
alias=quay.io/toolbx-images/debian-toolbox:$release
recipe_label=io.github.toolbx-go.image-recipe

# What a Toolbx container needs from its image (see SPEC.md 2.2): useradd,
# usermod and passwd; sudo for the sudo group; mount; capsh; bash;
# flatpak-spawn for running commands on the host; myhostname so that the
# container's host name resolves without touching /etc/hosts; p11-kit's
# client module for the host's CA certificates, with trust(1), a TLS client
# and socat for the tests of the host integrations.
packages=(bash ca-certificates gnutls-bin less libcap2-bin libnss-myhostname mount p11-kit p11-kit-modules
	passwd procps socat sudo util-linux)
# Installed when the release has them.
optional_packages=(flatpak-xdg-utils)

# configure_rootfs ROOTFS: turn a debootstrapped tree into a Toolbx image.
configure_rootfs() {
	local root=$1

	# debootstrap copies the build host's name and resolver configuration;
	# neither belongs in an image (podman and init-container provide both).
	rm -f "$root/etc/hostname" "$root/etc/resolv.conf"

	cat >"$root/etc/apt/sources.list" <<-EOF
		deb http://deb.debian.org/debian $suite main
		deb http://deb.debian.org/debian $suite-updates main
		deb http://deb.debian.org/debian-security $suite-security main
	EOF

	# init-container adds the user to the sudo group and deletes its
	# password; let that group use sudo without a password, as the Toolbx
	# images of other distributions do.
	mkdir -p "$root/etc/sudoers.d"
	printf '%s\n' '# Toolbx: members of the sudo group need no password.' \
		'%sudo ALL=(ALL:ALL) NOPASSWD: ALL' >"$root/etc/sudoers.d/toolbox"
	chmod 0440 "$root/etc/sudoers.d/toolbox"
	chroot "$root" visudo -c -q

	# init-container bind-mounts this empty directory over /sys/fs/selinux.
	mkdir -p "$root/usr/share/empty"

	# init-container points p11-kit's trust module at the host's p11-kit
	# server where the image has /etc/pkcs11/modules, as Fedora's has;
	# Debian's p11-kit reads that directory but does not ship it.
	mkdir -p "$root/etc/pkcs11/modules"

	# Debian installs flatpak-spawn outside PATH; Toolbx calls it by name.
	if [ -x "$root/usr/libexec/flatpak-xdg-utils/flatpak-spawn" ] &&
		[ ! -e "$root/usr/bin/flatpak-spawn" ]; then
		ln -s ../libexec/flatpak-xdg-utils/flatpak-spawn "$root/usr/bin/flatpak-spawn"
	fi

	# myhostname must come right after files for the host name to resolve
	# before DNS is asked (bullseye's libnss-myhostname appends it last).
	sed -i -E '/^hosts:/ { s/[[:space:]]+myhostname\b//; s/^(hosts:[[:space:]]+files)/\1 myhostname/ }' \
		"$root/etc/nsswitch.conf"

	# Downloaded packages and indexes only make the image bigger.
	rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
		"$root/var/log/bootstrap.log"
}

# The recipe hash names the cached tarball and labels the image, so a change
# to the package list or to configure_rootfs rebuilds both.
recipe=$({
	echo "$suite"
	printf '%s\n' "${packages[@]}" -- "${optional_packages[@]}"
	declare -f configure_rootfs
} | sha256sum | cut -c1-12)
tarball=$cache/debian-$release-$recipe.tar

command -v podman >/dev/null || die "podman is not installed"

# image_is_current: the image exists and was built from this recipe.
image_is_current() {
	podman image exists "$image" &&
		[ "$(podman image inspect --format "{{ index .Labels \"$recipe_label\" }}" "$image")" = "$recipe" ]
}

# exit_if_current: stop here when there is nothing to do.
exit_if_current() {
	$force && return 0
	image_is_current || return 0
	if ! podman image exists "$alias"; then
		say "tagging $image as $alias"
		podman tag "$image" "$alias"
	fi
	say "$image is up to date (recipe $recipe); nothing to do (--force rebuilds)"
	exit 0
}

exit_if_current

# unmount_under DIR: undo any mount debootstrap left inside DIR (it mounts
# /proc and /sys in the target and may leave them when it fails).
unmount_under() {
	local dir=$1 target
	awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r |
		while read -r target; do umount -l "$target" || true; done
}

# build_tarball: debootstrap, configure and pack the root file system.
build_tarball() {
	local work log include missing pkg
	mkdir -p "$cache"
	chmod 0755 "$cache"
	work=$(mktemp -d "$cache/build-$release.XXXXXX")
	# shellcheck disable=SC2064 # expand $work now
	trap "unmount_under '$work'; rm -rf --one-file-system '$work'" EXIT
	log=$work/debootstrap.log

	include=$(IFS=,; echo "${packages[*]},${optional_packages[*]}")
	say "debootstrap --variant=minbase $suite from $mirror (log: $log)"
	say "  packages: $include"
	if ! debootstrap --variant=minbase --include="$include" "$suite" "$work/rootfs" "$mirror" >"$log" 2>&1; then
		# Retry only when what is missing is optional.
		missing=$(sed -n 's/^E: Couldn.t find these debs: //p' "$log")
		include=$(IFS=,; echo "${packages[*]}")
		for pkg in "${optional_packages[@]}"; do
			[[ " $missing " == *" $pkg "* ]] || include+=,$pkg
		done
		for pkg in $missing; do
			[[ " ${optional_packages[*]} " == *" $pkg "* ]] || missing=
		done
		[ -n "$missing" ] || { tail -n 20 "$log" >&2; die "debootstrap failed"; }
		say "$suite lacks the optional package(s) $missing; retrying without them"
		unmount_under "$work"
		rm -rf --one-file-system "$work/rootfs"
		debootstrap --variant=minbase --include="$include" "$suite" "$work/rootfs" "$mirror" >"$log" 2>&1 ||
			{ tail -n 20 "$log" >&2; die "debootstrap failed"; }
	fi

	say "configuring the root file system for Toolbx"
	configure_rootfs "$work/rootfs"

	say "packing $tarball"
	tar --numeric-owner -C "$work/rootfs" -cf "$work/rootfs.tar" .
	chmod 0644 "$work/rootfs.tar"
	mv "$work/rootfs.tar" "$tarball"
	# Tarballs of older recipes are of no further use.
	find "$cache" -maxdepth 1 -name "debian-$release-*.tar" ! -name "${tarball##*/}" -delete
	unmount_under "$work"
	rm -rf --one-file-system "$work"
	trap - EXIT
}

# One run at a time per cache directory (root) or per user: a second run
# waits, then finds the image that the first one made.
if [ "$(id -u)" -eq 0 ]; then
	mkdir -p "$cache"
	exec 9>"$cache/.lock"
else
	exec 9>"${XDG_RUNTIME_DIR:-/tmp}/toolbox-images-$(id -u).lock"
fi
flock 9
exit_if_current

if [ "$(id -u)" -eq 0 ]; then
	command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
	if $force || [ ! -f "$tarball" ]; then
		build_tarball
	else
		say "reusing cached $tarball"
	fi
elif [ -r "$tarball" ]; then
	say "reusing $tarball that root built"
else
	die "no cached root file system $tarball: debootstrap needs root, so run
  sudo $0 $release
first; it leaves a world-readable tarball there that this user can import"
fi

old_id=$(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)

say "importing into $(id -un)'s podman storage as $image"
podman import --quiet \
	--change 'LABEL com.github.containers.toolbox=true' \
	--change 'LABEL name=debian-toolbox' \
	--change "LABEL version=$release" \
	--change 'LABEL usage="This image is meant to be used with the toolbox(1) command"' \
	--change 'LABEL summary="Base image for creating Debian Toolbx containers"' \
	--change "LABEL $recipe_label=$recipe" \
	--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
	--change 'CMD ["/bin/bash"]' \
	"$tarball" "$image" >/dev/null
say "tagging $image as $alias"
podman tag "$image" "$alias"

new_id=$(podman image inspect --format '{{.Id}}' "$image")
if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then
	if podman image rm "$old_id" >/dev/null 2>&1; then
		say "removed the previous image ${old_id:0:12}"
	else
		say "kept the previous image ${old_id:0:12}: containers still use it"
	fi
fi
say "done: $image (${new_id:0:12})"
