# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'
load 'libs/scratch'

# toolbox stop, beyond Toolbx (upstream issue 114): it stops Toolbx
# containers only, as rm removes only them, and at once, since the entry
# point ends on podman's SIGTERM.

setup() {
	cd "$HOME" || return 1
}

teardown() {
	drop_scratch_storage
	cleanup_containers
}

# state NAME: the container's state, as podman says.
state() {
	podman inspect --format '{{.State.Status}}' -- "$1"
}

@test "stop: Stop a running container at once, and run starts it again" {
	local name start end
	name=$(container_name stop-running)
	create_container "$name" >/dev/null
	"$TOOLBX" run -c "$name" true
	assert_equal "$(state "$name")" running

	start=$(date +%s%N)
	run --separate-stderr "$TOOLBX" stop "$name"
	end=$(date +%s%N)

	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(state "$name")" exited
	# podman's timeout is 10 s: the entry point ended on SIGTERM.
	[ $(((end - start) / 1000000)) -lt 8000 ] || fail "stop took $(((end - start) / 1000000)) ms"

	run --separate-stderr "$TOOLBX" run -c "$name" echo again
	assert_success
	assert_output again
	# A stopped container stays as it is.
	run "$TOOLBX" stop "$name"
	run --separate-stderr "$TOOLBX" stop "$name"
	assert_success
	assert_equal "$stderr" ""
}

@test "stop: A name with a dot, and a container's ID, are stopped as they are" {
	local name other id
	name=$(container_name stop.dot)
	other=$(container_name stopxdot)
	create_container "$name" >/dev/null
	create_container "$other" >/dev/null
	"$TOOLBX" run -c "$name" true
	"$TOOLBX" run -c "$other" true

	run --separate-stderr "$TOOLBX" stop "$name"
	assert_success
	# The dot is no wildcard: the other container runs on.
	assert_equal "$(state "$name") $(state "$other")" "exited running"

	id=$(podman inspect --format '{{.Id}}' -- "$other")
	run --separate-stderr "$TOOLBX" stop "${id:0:12}"
	assert_success
	assert_equal "$(state "$other")" exited
}

@test "stop: An entry point that is still setting up ends at once on SIGTERM" {
	local name start end
	name=$(container_name stop-early)
	TOOLBX_DELAY_ENTRY_POINT=60 create_container "$name" >/dev/null
	podman start "$name" >/dev/null
	sleep 1

	start=$(date +%s%N)
	run --separate-stderr "$TOOLBX" stop "$name"
	end=$(date +%s%N)

	assert_success
	assert_equal "$(state "$name")" exited
	[ $(((end - start) / 1000000)) -lt 8000 ] || fail "stop took $(((end - start) / 1000000)) ms"
}

@test "stop: Never stop a container that is not a Toolbx container" {
	local other
	other=$(container_name stop-not-toolbx)
	track_container "$other"
	podman run -d --name "$other" --network host --label com.github.containers.toolbox=false \
		"$TOOLBX_TEST_IMAGE" sleep 300 >/dev/null

	run -1 --separate-stderr "$TOOLBX" stop "$other"

	assert_output ""
	assert_equal "$stderr" "Error: $other is not a Toolbx container"
	assert_equal "$(state "$other")" running
}

@test "stop: Each failure is reported, the others are stopped, and the exit status is 1" {
	local name
	name=$(container_name stop-some)
	create_container "$name" >/dev/null
	"$TOOLBX" run -c "$name" true

	run -1 --separate-stderr "$TOOLBX" stop no-such-container-xyz "$name" also-missing-xyz

	assert_output ""
	stderr_as_output
	assert_line --index 0 "Error: failed to inspect container no-such-container-xyz"
	assert_line --index 1 "Error: failed to inspect container also-missing-xyz"
	assert_equal "${#lines[@]}" 2
	assert_equal "$(state "$name")" exited
}

@test "stop: Try without a name" {
	run -1 --separate-stderr "$TOOLBX" stop

	stderr_as_output
	assert_line --index 0 'Error: missing argument for "stop"'
	assert_line --index 1 "Run 'toolbox --help' for usage."
}

# make_sleep_image NAME: a tiny image of its own that can run sleep.
make_sleep_image() {
	local root="$BATS_TEST_TMPDIR/rootfs-sleep" lib
	mkdir -p "$root/bin"
	cp /bin/sleep "$root/bin/sleep"
	for lib in $(ldd /bin/sleep | grep -o '/[^ ]*'); do
		mkdir -p "$root${lib%/*}"
		cp "$lib" "$root$lib"
	done
	tar -C "$root" -c . | podman import --quiet - "$1" >/dev/null
	rm -rf "$root"
}

@test "stop: --all stops the running Toolbx containers, and only them" {
	use_scratch_storage
	make_sleep_image localhost/toolbx-stop:1
	local label=com.github.containers.toolbox
	for name in a b; do
		podman run -d --name "$name" --network host --stop-signal KILL --label "$label=true" \
			localhost/toolbx-stop:1 /bin/sleep 300 >/dev/null
	done
	podman create --name idle --label "$label=true" localhost/toolbx-stop:1 /bin/sleep 300 >/dev/null
	podman run -d --name other --network host --stop-signal KILL --label "$label=false" \
		localhost/toolbx-stop:1 /bin/sleep 300 >/dev/null

	run --separate-stderr "$TOOLBX" stop --all

	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(state a) $(state b) $(state idle) $(state other)" "exited exited created running"
}
