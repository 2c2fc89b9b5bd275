# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'
load 'libs/scratch'

setup() {
	cd "$HOME" || return 1
	IMAGES_MADE=()
}

teardown() {
	drop_scratch_storage
	cleanup_containers
	local image
	for image in "${IMAGES_MADE[@]}"; do
		podman image exists "$image" && podman rmi --force "$image" >/dev/null
	done
	return 0
}

# make_image NAME [LABEL]: a tiny image that teardown removes.
make_image() {
	make_tiny_image "$@"
	IMAGES_MADE+=("$1")
}

@test "rmi: Remove a Toolbx image" {
	local image="localhost/${TBTEST_PREFIX}rmi-one:1"
	make_image "$image"

	run --separate-stderr "$TOOLBX" rmi "$image"

	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	run podman image exists "$image"
	assert_failure
}

@test "rmi: Never remove an image that is not a Toolbx image" {
	local image="localhost/${TBTEST_PREFIX}rmi-other:1"
	make_image "$image" false

	run -1 --separate-stderr "$TOOLBX" rmi "$image"

	assert_equal "$stderr" "Error: $image is not a Toolbx image"
	run podman image exists "$image"
	assert_success
}

@test "rmi: An image in use needs --force" {
	local image="localhost/${TBTEST_PREFIX}rmi-used:1" name
	name=$(container_name rmi-user)
	make_image "$image"
	track_container "$name"
	podman create --name "$name" "$image" /bin/true >/dev/null

	run -1 --separate-stderr "$TOOLBX" rmi "$image"
	assert_equal "$stderr" "Error: image $image has dependent children"
	run podman image exists "$image"
	assert_success

	run --separate-stderr "$TOOLBX" rmi --force "$image"
	assert_success
	run podman image exists "$image"
	assert_failure
}

@test "rmi: Try an image that does not exist" {
	run -1 --separate-stderr "$TOOLBX" rmi localhost/no-such-image-xyz:1

	assert_equal "$stderr" "Error: failed to inspect image localhost/no-such-image-xyz:1"
}

@test "rmi: Try without a name" {
	run -1 --separate-stderr "$TOOLBX" rmi

	stderr_as_output
	assert_line --index 0 'Error: missing argument for "rmi"'
	assert_line --index 1 "Run 'toolbox --help' for usage."
}

@test "rmi: --all removes every Toolbx image and nothing else" {
	use_scratch_storage
	make_tiny_image localhost/toolbx-a:1
	make_tiny_image localhost/toolbx-b:1
	make_tiny_image localhost/other:1 false

	run --separate-stderr "$TOOLBX" rmi --all

	assert_success
	assert_output ""
	run podman images --format '{{.Repository}}:{{.Tag}}'
	assert_output "localhost/other:1"
}
