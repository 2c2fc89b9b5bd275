# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'

setup() {
	cd "$HOME" || return 1
}

teardown() {
	cleanup_containers
}

@test "container: The entry point sets the container up and signals readiness" {
	local name
	name=$(container_name init)
	create_container "$name" >/dev/null

	run "$TOOLBX" run -c "$name" true
	assert_success

	run podman logs "$name"
	assert_output --partial 'level=debug msg="Listening to file system and ticker events"'
	run podman inspect --format '{{.State.Status}} {{.State.Pid}}' "$name"
	assert_output --regexp '^running [1-9][0-9]*$'
	local pid=${output#running }
	local rundir=/run/toolbox
	is_root || rundir=$XDG_RUNTIME_DIR/toolbox
	[ -f "$rundir/container-initialized-$pid" ]
	[ "$(stat -c %u "$rundir/container-initialized-$pid")" = "$(id -u)" ]
}

@test "container: Markers, host links and bind mounts are in place" {
	local name
	name=$(container_name layout)
	create_container "$name" >/dev/null

	run --separate-stderr "$TOOLBX" run -c "$name" sh -c '
		test -f /run/.toolboxenv && test -f /run/.toolbxenv && echo markers
		readlink /etc/resolv.conf /etc/host.conf
		test -f /etc/hosts && ! test -L /etc/hosts && echo own hosts
		test "$(cat /etc/machine-id)" = "$(cat /run/host/etc/machine-id)" && echo machine-id
		findmnt -n -o TARGET /tmp
		test -x /usr/bin/toolbox && echo toolbox'

	assert_success
	assert_line --index 0 markers
	assert_line --index 1 /run/host/etc/resolv.conf
	assert_line --index 2 /run/host/etc/host.conf
	# The container's own, with the host's entries (522-hostname.bats).
	assert_line --index 3 "own hosts"
	assert_line machine-id
	assert_line /tmp
	assert_line toolbox
}

@test "container: --media-link and --mnt-link make absolute links, as Toolbx's" {
	local name argv
	name=$(container_name links)
	# Made as toolbox makes it on a host whose /media and /mnt are links
	# (Silverblue): no bind mounts there, the flags to the entry point.
	track_container "$name"
	argv=$("$TOOLBX" --log-level debug create --image "$TOOLBX_TEST_IMAGE" "$name" 2>&1 >/dev/null |
		sed -n 's/.*msg="Running podman" argv="\(podman .* create .*\)"$/\1/p' | tail -n 1)
	podman rm "$name" >/dev/null
	argv=${argv//\\\"/\"}
	argv=${argv/ --volume \/media:\/media:rslave/}
	argv=${argv/ --volume \/mnt:\/mnt:rslave/}
	eval "$argv --media-link --mnt-link" >/dev/null

	run --separate-stderr "$TOOLBX" run -c "$name" readlink /media /mnt
	assert_success
	assert_line --index 0 /run/media
	assert_line --index 1 /var/mnt
}

@test "container: A restarted container initialises again" {
	local name
	name=$(container_name restart)
	create_container "$name" >/dev/null
	run "$TOOLBX" run -c "$name" true
	assert_success
	podman stop --time 0 "$name" >/dev/null

	run --separate-stderr "$TOOLBX" run -c "$name" sh -c 'id -un; sudo -n true && echo sudo'

	assert_success
	assert_line --index 0 "$(id -un)"
	assert_line --index 1 sudo
	run sh -c "podman logs $name 2>&1 | grep -c 'Listening to file system and ticker events'"
	assert_output 2
}

@test "container: The entry point fails when TOOLBX_FAIL_ENTRY_POINT is set" {
	local name
	name=$(container_name fail1)
	TOOLBX_FAIL_ENTRY_POINT=1 create_container "$name" >/dev/null

	run -1 --separate-stderr "$TOOLBX" run -c "$name" true

	assert_output ""
	assert_equal "$stderr" "Error: TOOLBX_FAIL_ENTRY_POINT is set"

	name=$(container_name fail2)
	TOOLBX_FAIL_ENTRY_POINT=2 create_container "$name" >/dev/null

	run -1 --separate-stderr "$TOOLBX" run -c "$name" true

	stderr_as_output
	assert_line --index 0 "Error: TOOLBX_FAIL_ENTRY_POINT is set"
	assert_line --index 1 "This environment variable should only be set when testing."
	assert_equal "${#lines[@]}" 2
}

@test "container: run waits for a slow entry point" {
	local name
	name=$(container_name delay)
	TOOLBX_DELAY_ENTRY_POINT=3 create_container "$name" >/dev/null

	run --separate-stderr "$TOOLBX" run -c "$name" echo ready

	assert_success
	assert_output ready
	assert_equal "$stderr" ""
}

@test "container: init-container refuses to run on the host" {
	run -1 --separate-stderr "$TOOLBX" init-container --gid 0 --home /root --shell /bin/bash --uid 0 --user root

	stderr_as_output
	assert_line --index 0 "Error: the 'init-container' command can only be used inside containers"
}
