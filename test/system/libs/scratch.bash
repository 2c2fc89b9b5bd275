# shellcheck shell=bash
#
# Scratch podman storage, for tests of commands that act on everything
# (`rm --all`, `rmi --all`): they run against a storage of their own, so
# they never touch the containers and images of the user running the tests.

# use_scratch_storage: point podman, and so toolbox, at a new empty storage
# below $BATS_TEST_TMPDIR for the rest of the test.
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
}

# drop_scratch_storage: remove what use_scratch_storage made, including
# files owned by subordinate ids in rootless storage.
drop_scratch_storage() {
	[ -n "${SCRATCH_STORAGE:-}" ] || return 0
	podman rm --all --force >/dev/null 2>&1
	podman rmi --all --force >/dev/null 2>&1
	if [ "$(id -u)" -eq 0 ]; then
		rm -rf "$SCRATCH_STORAGE"
	else
		podman unshare rm -rf "$SCRATCH_STORAGE"
	fi
	unset CONTAINERS_STORAGE_CONF SCRATCH_STORAGE
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
