#!/usr/bin/env bash
# Create, as root, the ordinary user that the rootless system tests run as
# (default toolbxtest; TOOLBX_TEST_USER overrides), with subordinate ids for
# rootless podman and a runtime directory /run/user/UID. Idempotent.
set -euo pipefail

prog=${0##*/}
user=${TOOLBX_TEST_USER:-toolbxtest}

say() { printf '%s: %s\n' "$prog" "$*"; }
die() { printf '%s: error: %s\n' "$prog" "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run this as root"

if ! id -u "$user" >/dev/null 2>&1; then
	say "creating user $user"
	useradd --create-home --shell /bin/bash --comment "Toolbx test user" "$user"
fi

# next_free_range FILE: the first id after every range in FILE.
next_free_range() {
	awk -F: 'BEGIN { n = 100000 } $2 + $3 > n { n = $2 + $3 } END { print n }' "$1"
}

# useradd fills /etc/subuid and /etc/subgid on Debian 12; older or differently
# configured systems may not.
for kind in uid gid; do
	file=/etc/sub$kind
	touch "$file"
	if ! grep -q "^$user:" "$file"; then
		start=$(next_free_range "$file")
		say "adding subordinate ${kind}s $start-$((start + 65535)) for $user"
		usermod "--add-sub${kind}s" "$start-$((start + 65535))" "$user"
	fi
done

uid=$(id -u "$user")
# /run is a tmpfs: the directory is gone after a reboot, so always check.
install -d -m 0700 -o "$user" -g "$(id -g "$user")" "/run/user/$uid"

as_user() {
	runuser -u "$user" -- env -i HOME="$home" USER="$user" LOGNAME="$user" \
		PATH=/usr/local/bin:/usr/bin:/bin XDG_RUNTIME_DIR="/run/user/$uid" "$@"
}

# Rootless podman picks vfs when it cannot use fuse-overlayfs (here /dev/fuse
# is root's only), although the kernel mounts overlay in a user namespace.
# vfs copies the whole image for every container; users have overlay.
home=$(getent passwd "$user" | cut -d: -f6)
conf=$home/.config/containers/storage.conf
if [ ! -f "$conf" ]; then
	probe=$(as_user mktemp -d)
	if as_user podman --root "$probe/root" --runroot "$probe/run" --storage-driver overlay \
		info --format '{{.Store.GraphDriverName}}' >/dev/null 2>"$probe.err"; then
		say "$user's podman storage: overlay"
		as_user mkdir -p "${conf%/*}"
		printf '[storage]\ndriver = "overlay"\n' | as_user tee "$conf" >/dev/null
		# Storage made with another driver must go for the new one to apply.
		if [ -d "$home/.local/share/containers/storage" ]; then
			say "resetting $user's podman storage, made with another driver"
			as_user podman system reset --force >/dev/null 2>&1
		fi
	else
		say "overlay storage does not work for $user; podman picks its default: $(tail -n 1 "$probe.err")"
	fi
	# The probe's files belong to ids of the user's namespace. Failing to
	# remove them only leaves a directory in /tmp.
	as_user podman unshare rm -rf "$probe" 2>>"$probe.err" ||
		say "could not remove $probe: $(tail -n 1 "$probe.err")"
	rm -f "$probe.err"
fi

say "$user (uid $uid): $(grep "^$user:" /etc/subuid | cut -d: -f2-3 | tr : +) subordinate uids, XDG_RUNTIME_DIR=/run/user/$uid"
