# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'
load 'libs/shim'

# Fault injection: podman missing, failing a chosen call with a chosen
# status and message, slow, or dying midway. Each command must end within
# a bounded time with a clear message and the right status, and change
# nothing that existed.

setup_file() {
	BROKEN_CONTAINER=$(container_name broken)
	export BROKEN_CONTAINER
	create_container "$BROKEN_CONTAINER" >/dev/null
}

teardown_file() {
	cleanup_containers
}

setup() {
	cd "$HOME" || return 1
}

# assert_still_there: the test container and image are as they were.
assert_still_there() {
	run podman container exists "$BROKEN_CONTAINER"
	assert_success
	run podman image exists "$TOOLBX_TEST_IMAGE"
	assert_success
}

@test "broken podman: Without podman on PATH every command names podman" {
	local empty=$BATS_TEST_TMPDIR/empty-path cmd first
	mkdir "$empty"
	while IFS='|' read -r cmd first; do
		# shellcheck disable=SC2086 # cmd is a list of words
		run -1 --separate-stderr env PATH="$empty" "$TOOLBX" $cmd
		assert_output ""
		assert_equal "${stderr_lines[0]}" "Error: $first"
		assert_equal "${stderr_lines[1]}" "podman(1) not found on PATH"
	done <<-EOF
		create --image $TOOLBX_TEST_IMAGE new-box|failed to create container new-box
		run -c $BROKEN_CONTAINER true|failed to inspect container $BROKEN_CONTAINER
		enter $BROKEN_CONTAINER|failed to inspect container $BROKEN_CONTAINER
		list|failed to get images
		list --containers|failed to get containers
		rm $BROKEN_CONTAINER|failed to inspect container $BROKEN_CONTAINER
		rmi $TOOLBX_TEST_IMAGE|failed to inspect image $TOOLBX_TEST_IMAGE
	EOF
	assert_still_there
}

@test "broken podman: A failing call is named, with podman's own message" {
	local verb cmd first
	use_podman_shim
	export SHIM_FAIL_STATUS=125 SHIM_FAIL_MESSAGE="Error: database is locked"
	# (list's images are not here: list skips podman images while the
	# image store is unchanged.)
	while IFS='|' read -r verb cmd first; do
		# shellcheck disable=SC2086 # cmd is a list of words
		SHIM_FAIL_VERB=$verb run -1 --separate-stderr "$TOOLBX" $cmd
		assert_equal "${stderr_lines[0]}" "Error: $first"
		assert_equal "${stderr_lines[1]}" "podman: database is locked"
	done <<-EOF
		create|create --image $TOOLBX_TEST_IMAGE new-box|failed to create container new-box
		inspect|run -c $BROKEN_CONTAINER true|failed to inspect container $BROKEN_CONTAINER
		inspect|enter $BROKEN_CONTAINER|failed to inspect container $BROKEN_CONTAINER
		ps|list --containers|failed to get containers
		inspect|rm --force $BROKEN_CONTAINER|failed to inspect container $BROKEN_CONTAINER
		rm|rm --force $BROKEN_CONTAINER|failed to remove container $BROKEN_CONTAINER
		inspect|rmi $TOOLBX_TEST_IMAGE|failed to inspect image $TOOLBX_TEST_IMAGE
		rmi|rmi --force $TOOLBX_TEST_IMAGE|failed to remove image $TOOLBX_TEST_IMAGE
	EOF
	run podman container exists new-box
	assert_failure
	assert_still_there
}

@test "broken podman: A failing start is named, and a failing exec exits 125" {
	local name
	name=$(container_name broken-start)
	create_container "$name" >/dev/null
	use_podman_shim

	SHIM_FAIL_VERB=start SHIM_FAIL_MESSAGE="Error: OCI runtime error: boom" \
		run -1 --separate-stderr "$TOOLBX" run -c "$name" true
	assert_equal "${stderr_lines[0]}" "Error: failed to start container $name"
	assert_equal "${stderr_lines[1]}" "podman: OCI runtime error: boom"

	"$TOOLBX" run -c "$name" true
	SHIM_FAIL_VERB=exec SHIM_FAIL_MESSAGE="Error: exec failed" \
		run -125 --separate-stderr "$TOOLBX" run -c "$name" true
	assert_equal "${stderr_lines[0]}" "Error: exec failed"
	assert_equal "${stderr_lines[-1]}" "Error: failed to invoke 'podman exec' in container $name"
}

@test "broken podman: A podman that dies midway is named" {
	use_podman_shim
	SHIM_DIE_VERB='ps' run -1 --separate-stderr "$TOOLBX" list --containers
	assert_output ""
	assert_equal "${stderr_lines[0]}" "Error: failed to get containers"
	assert_equal "${stderr_lines[1]}" "podman was ended by signal 9 (killed)"

	SHIM_DIE_VERB='rm' run -1 --separate-stderr "$TOOLBX" rm --force "$BROKEN_CONTAINER"
	assert_equal "${stderr_lines[0]}" "Error: failed to remove container $BROKEN_CONTAINER"
	assert_still_there
}

@test "broken podman: A slow podman is interrupted by SIGTERM, within a bounded time" {
	local pid status=0 start
	use_podman_shim
	export SHIM_SLOW_VERB=ps SHIM_SLOW_SECONDS=60
	"$TOOLBX" list --containers >/dev/null 2>"$BATS_TEST_TMPDIR/stderr" 3>&- &
	pid=$!
	until grep -q '^ps ' <(sed 's/^--log-level [a-z]* //' "$SHIM_LOG"); do sleep 0.1; done
	start=$SECONDS
	kill -TERM "$pid"
	wait "$pid" || status=$?
	assert_equal "$status" 143
	# podman gets SIGINT at once, and SIGKILL 5 s later if it is still there.
	assert [ $((SECONDS - start)) -lt 20 ]
	assert_equal "$(head -n 1 "$BATS_TEST_TMPDIR/stderr")" "Error: failed to get containers"
	assert_still_there
}
