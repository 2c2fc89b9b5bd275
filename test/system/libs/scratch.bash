# shellcheck shell=bash
#
# Scratch podman storage, for tests of commands that act on everything
# (`rm --all`, `rmi --all`): they run against a storage of their own, so
# they never touch the containers and images of the user running the tests.

# use_scratch_storage: point podman, and so toolbox, at a new empty storage
# below $BATS_TEST_TMPDIR for the rest of the test. Fails, rather than let the
# test go on in the user's own storage, when podman does not follow.
use_scratch_storage() {
	SCRATCH_STORAGE=$BATS_TEST_TMPDIR/storage
	mkdir -p "$SCRATCH_STORAGE"
	export CONTAINERS_STORAGE_CONF=$SCRATCH_STORAGE/storage.conf
	cat >"$CONTAINERS_STORAGE_CONF" <<-EOF
		[storage]
		driver = "vfs"
		graphroot = "$SCRATCH_STORAGE/graph"
		runroot = "$SCRATCH_STORAGE/run"
	EOF
	if [ "$(id -u)" -ne 0 ]; then
		# Rootless podman keeps its database below XDG_DATA_HOME and its
		# state below XDG_RUNTIME_DIR, and the database's paths win over
		# CONTAINERS_STORAGE_CONF: move both, or podman stays in the
		# user's storage.
		SCRATCH_OLD_XDG=("${XDG_DATA_HOME:-}" "${XDG_RUNTIME_DIR:-}")
		mkdir -p "$SCRATCH_STORAGE/data"
		mkdir -m 0700 "$SCRATCH_STORAGE/xdg-run"
		export XDG_DATA_HOME=$SCRATCH_STORAGE/data
		export XDG_RUNTIME_DIR=$SCRATCH_STORAGE/xdg-run
	fi
	in_scratch_storage || fail "podman did not switch to the scratch storage"
}

# in_scratch_storage: podman's graph root is in the scratch storage (rootless
# podman takes it from XDG_DATA_HOME, not from CONTAINERS_STORAGE_CONF).
in_scratch_storage() {
	[[ "$(podman info --format '{{.Store.GraphRoot}}')" == "$SCRATCH_STORAGE"/* ]]
}

# drop_scratch_storage: remove what use_scratch_storage made, including
# files owned by subordinate ids in rootless storage, and the rootless pause
# process that the scratch XDG_RUNTIME_DIR got.
drop_scratch_storage() {
	[ -n "${SCRATCH_STORAGE:-}" ] || return 0
	if in_scratch_storage; then
		podman rm --all --force >/dev/null 2>&1
		podman rmi --all --force >/dev/null 2>&1
		if [ "$(id -u)" -ne 0 ]; then
			podman unshare rm -rf "$SCRATCH_STORAGE/graph" "$SCRATCH_STORAGE/data" 2>/dev/null
			local pause=$XDG_RUNTIME_DIR/libpod/tmp/pause.pid
			[ -f "$pause" ] && kill "$(cat "$pause")" 2>/dev/null
		fi
	fi
	rm -rf "$SCRATCH_STORAGE"
	unset CONTAINERS_STORAGE_CONF SCRATCH_STORAGE
	if [ -n "${SCRATCH_OLD_XDG+set}" ]; then
		unset XDG_DATA_HOME XDG_RUNTIME_DIR
		[ -z "${SCRATCH_OLD_XDG[0]}" ] || export XDG_DATA_HOME="${SCRATCH_OLD_XDG[0]}"
		[ -z "${SCRATCH_OLD_XDG[1]}" ] || export XDG_RUNTIME_DIR="${SCRATCH_OLD_XDG[1]}"
		unset SCRATCH_OLD_XDG
	fi
}

# make_tiny_image NAME [LABEL-VALUE]: a tiny image of its own (it cannot run
# anything), labelled as a Toolbx image unless LABEL-VALUE says otherwise.
make_tiny_image() {
	local root="$BATS_TEST_TMPDIR/rootfs-$RANDOM$RANDOM"
	mkdir -p "$root/bin"
	cp /bin/true "$root/bin/true"
	echo "$1 $RANDOM" >"$root/id"
	tar -C "$root" -c . | podman import --quiet \
		--change "LABEL com.github.containers.toolbox=${2:-true}" - "$1" >/dev/null
	rm -rf "$root"
}
