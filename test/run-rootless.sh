#!/usr/bin/env bash
# Run the system tests, as root, under the rootless test user.
#
# Usage: test/run-rootless.sh [BATS-ARGS...]     (default: test/system)
#
# Prepares the host (test/setup-host.sh) and the user (test/setup-test-user.sh),
# copies the binary under test ($TOOLBX, default builddir/toolbox) with the
# manual pages built next to it, the tests and the image scripts into a
# world-readable temporary directory (the
# checkout may be in a directory that the user cannot read), and runs bats
# there as the user with a clean login-like environment. Relative paths in
# BATS-ARGS are relative to the checkout's top directory, as with bats itself.
set -euo pipefail

prog=${0##*/}
top=$(cd "$(dirname "$0")/.." && pwd)
user=${TOOLBX_TEST_USER:-toolbxtest}
toolbx=${TOOLBX:-$top/builddir/toolbox}

die() { printf '%s: error: %s\n' "$prog" "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run this as root"
[ -x "$toolbx" ] || die "no toolbox binary at $toolbx: build it or set TOOLBX"

"$top/test/setup-host.sh"
TOOLBX_TEST_USER=$user "$top/test/setup-test-user.sh"

uid=$(id -u "$user")
home=$(getent passwd "$user" | cut -d: -f6)

copy=$(mktemp -d /tmp/toolbx-rootless.XXXXXX)
trap 'rm -rf "$copy"' EXIT
mkdir -p "$copy/builddir" "$copy/test" "$copy/images"
cp "$toolbx" "$copy/builddir/toolbox"
# The manual pages meson built next to the binary, for the help tests.
for section in man1 man5; do
	if [ -d "${toolbx%/*}/doc/$section" ]; then
		mkdir -p "$copy/builddir/doc/$section"
		cp "${toolbx%/*}/doc/$section"/*.[15] "$copy/builddir/doc/$section/"
	fi
done
cp -R "$top/test/system" "$copy/test/"
cp -R "$top/images/debian" "$copy/images/"
chmod -R a+rX "$copy"

args=("$@")
[ ${#args[@]} -gt 0 ] || args=(test/system)
# Absolute paths into the checkout point into the copy instead.
args=("${args[@]/#"$top"\//$copy/}")

# Variables that tune the tests, and the terminal and locale, go through;
# nothing else of root's does.
passed=()
while IFS= read -r name; do
	passed+=("$name=${!name}")
done < <(compgen -e | grep -E '^(TOOLBX_TEST_|TOOLBOX_IMAGES_CACHE$|DEBIAN_MIRROR$|CI$|TERM$|LANG$)' || true)

# The host daemons whose sockets containers share (260-host-sockets.bats):
# only root can start them.
# shellcheck source=system/libs/daemons.bash
. "$top/test/system/libs/daemons.bash"
daemons=$copy/daemons
trap 'stop_host_daemons "$daemons"; rm -rf "$copy"' EXIT
start_host_daemons "$daemons" || echo "$prog: cannot start the host daemons; their tests will skip" >&2

cd "$copy"
status=0
runuser -u "$user" -- env -i \
	HOME="$home" USER="$user" LOGNAME="$user" SHELL=/bin/bash \
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	XDG_RUNTIME_DIR="/run/user/$uid" TOOLBX="$copy/builddir/toolbox" \
	"${passed[@]}" bats "${args[@]}" || status=$?

# Rootless podman leaves a pause process that holds the user's namespaces;
# end it unless a container of the user still runs.
pause=/run/user/$uid/libpod/tmp/pause.pid
if [ -f "$pause" ] && [ -z "$(runuser -u "$user" -- env -i HOME="$home" \
	XDG_RUNTIME_DIR="/run/user/$uid" PATH=/usr/bin:/bin podman ps --quiet)" ]; then
	kill "$(cat "$pause")" 2>/dev/null || true
fi
exit "$status"
