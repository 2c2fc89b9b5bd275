# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'

# create --volume SRC:DST[:OPTIONS], beyond Toolbx (upstream issues 100,
# 307, 1600): real bind mounts, with podman's options.

setup() {
	cd "$HOME" || return 1
	DATA=$(mktemp -d "$BATS_TEST_TMPDIR/data.XXXXXX")
	echo from-host >"$DATA/file"
}

teardown() {
	cleanup_containers
}

@test "volume: What is written inside lands on the host; ro is read-only" {
	local name
	name=$(container_name volume)
	mkdir "$DATA/ro"
	create_container "$name" --volume "$DATA:/srv/data" --volume "$DATA/ro:/srv/ro:ro,rslave" >/dev/null

	run --separate-stderr "$TOOLBX" run -c "$name" sh -c '
		cat /srv/data/file
		echo from-container >/srv/data/new
		touch /srv/ro/x 2>/dev/null || echo read-only
		findmnt -n -o OPTIONS /srv/ro | tr , "\n" | grep -x ro'

	assert_success
	assert_line --index 0 from-host
	assert_line --index 1 read-only
	assert_line --index 2 ro
	assert_equal "$(cat "$DATA/new")" from-container
	# The user's own file, as everything else in a Toolbx container.
	assert_equal "$(stat -c %u "$DATA/new")" "$(id -u)"
	[ ! -e "$DATA/ro/x" ]
}

@test "volume: A relative source is the current directory's" {
	local name
	name=$(container_name volume-relative)
	cd "$DATA" || return 1
	mkdir sub
	echo sub >sub/file

	create_container "$name" --volume "sub:/srv/sub" >/dev/null
	cd "$HOME" || return 1
	run --separate-stderr "$TOOLBX" run -c "$name" cat /srv/sub/file

	assert_success
	assert_output sub
}

# refused ARG WHY: create --volume ARG fails with WHY, and makes nothing.
refused() {
	local name
	name=$(container_name volume-refused)
	run -1 --separate-stderr "$TOOLBX" create -i "$TOOLBX_TEST_IMAGE" --volume "$1" "$name"
	assert_output ""
	stderr_as_output
	assert_line --index 0 "Error: invalid argument for '--volume'"
	assert_line --index 1 "$2"
	assert_line --index 2 "Run 'toolbox --help' for usage."
	run podman container exists "$name"
	assert_failure
}

@test "volume: A missing source, a relative destination, a bad option are refused" {
	refused "$DATA/nope:/srv/x" "Source $DATA/nope of volume $DATA/nope:/srv/x not found."
	refused "$DATA:srv/x" "Destination srv/x of volume $DATA:srv/x is not an absolute path."
	refused "$DATA" "Volumes must be SOURCE:DESTINATION[:OPTIONS]."
	refused "$DATA:/srv/x:ro,rw" "Option rw of volume $DATA:/srv/x:ro,rw conflicts with an earlier one."
	refused "$DATA:/srv/x:rox" "Option rox of volume $DATA:/srv/x:rox is not one of podman's: rw, ro, z, Z, shared, rshared, slave, rslave, private, rprivate, unbindable, runbindable, bind, rbind, copy, nocopy, dev, nodev, exec, noexec, suid, nosuid, O, U, idmap."
}

@test "volume: The paths toolbox itself mounts are refused" {
	local home
	home=$(readlink -f "$HOME")
	refused "$DATA:/run/host" "Volume $DATA:/run/host would cover /run/host, which Toolbx itself sets up."
	refused "$DATA:/run/host/etc" "Volume $DATA:/run/host/etc would cover /run/host, which Toolbx itself sets up."
	refused "$DATA:/usr/bin/toolbox" "Volume $DATA:/usr/bin/toolbox would cover /usr/bin/toolbox, which Toolbx itself sets up."
	refused "$DATA:/usr" "Volume $DATA:/usr would cover /usr/bin/toolbox, which Toolbx itself sets up."
	refused "$DATA:$home" "Volume $DATA:$home would cover $home, which Toolbx itself sets up."
	refused "$DATA:$home/x" "Volume $DATA:$home/x would cover $home, which Toolbx itself sets up."
	refused "$DATA:/dev/x" "Volume $DATA:/dev/x would cover /dev, which Toolbx itself sets up."
	refused "$DATA:/etc/hosts" "Volume $DATA:/etc/hosts would cover /etc/hosts, which Toolbx itself sets up."
	refused "$DATA:/tmp" "Volume $DATA:/tmp would cover /tmp, which Toolbx itself sets up."
}
