# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'
load 'libs/scratch'

setup() {
	cd "$HOME" || return 1
}

teardown() {
	drop_scratch_storage
	cleanup_containers
}

@test "rm: Remove a stopped container" {
	local name
	name=$(container_name rm-stopped)
	create_container "$name" >/dev/null

	run --separate-stderr "$TOOLBX" rm "$name"

	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	run podman container exists "$name"
	assert_failure
}

@test "rm: A running container needs --force" {
	local name
	name=$(container_name rm-running)
	create_container "$name" >/dev/null
	"$TOOLBX" run -c "$name" true

	run -1 --separate-stderr "$TOOLBX" rm "$name"
	assert_equal "$stderr" "Error: container $name is running"
	run podman container exists "$name"
	assert_success

	run --separate-stderr "$TOOLBX" rm --force "$name"
	assert_success
	run podman container exists "$name"
	assert_failure
}

@test "rm: Try a container that does not exist, and go on with the others" {
	local name
	name=$(container_name rm-after-missing)
	create_container "$name" >/dev/null

	run -1 --separate-stderr "$TOOLBX" rm no-such-container-xyz "$name"

	assert_equal "$stderr" "Error: failed to inspect container no-such-container-xyz"
	run podman container exists "$name"
	assert_failure
}

@test "rm: Never remove a container that is not a Toolbx container" {
	local other
	other=$(container_name rm-not-toolbx)
	track_container "$other"
	# The test image has the Toolbx label, which containers inherit.
	podman create --name "$other" --label com.github.containers.toolbox=false "$TOOLBX_TEST_IMAGE" true >/dev/null

	run -1 --separate-stderr "$TOOLBX" rm --force "$other"

	assert_equal "$stderr" "Error: $other is not a Toolbx container"
	run podman container exists "$other"
	assert_success
}

@test "rm: --all removes every Toolbx container and nothing else" {
	use_scratch_storage
	make_tiny_image localhost/toolbx-rm:1
	podman create --name a localhost/toolbx-rm:1 /bin/true >/dev/null
	podman create --name b localhost/toolbx-rm:1 /bin/true >/dev/null
	podman create --name other --label com.github.containers.toolbox=false localhost/toolbx-rm:1 /bin/true >/dev/null

	run --separate-stderr "$TOOLBX" rm --all

	assert_success
	assert_output ""
	run podman ps --all --format '{{.Names}}'
	assert_output "other"
}

@test "rm: Try without a name" {
	run -1 --separate-stderr "$TOOLBX" rm

	stderr_as_output
	assert_line --index 0 'Error: missing argument for "rm"'
	assert_line --index 1 "Run 'toolbox --help' for usage."
}
