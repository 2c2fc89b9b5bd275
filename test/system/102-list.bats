# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'

setup() {
	cd "$HOME" || return 1
}

teardown() {
	cleanup_containers
}

@test "list: Shows Toolbx containers and images, and no others" {
	local name other
	name=$(container_name listed)
	other=$(container_name not-toolbx)
	create_container "$name" >/dev/null
	track_container "$other"
	podman create --name "$other" --label com.github.containers.toolbox=false "$TOOLBX_TEST_IMAGE" true >/dev/null

	run --separate-stderr "$TOOLBX" list

	assert_success
	assert_line --index 0 --regexp '^IMAGE ID +IMAGE NAME +CREATED$'
	assert_line --regexp "^[0-9a-f]{12} +$TOOLBX_TEST_IMAGE +.+ ago$"
	assert_line --regexp '^CONTAINER ID +CONTAINER NAME +CREATED +STATUS +IMAGE NAME$'
	assert_line --regexp "^[0-9a-f]{12} +$name +.+ ago +created +$TOOLBX_TEST_IMAGE$"
	refute_line --partial "$other"
	assert_equal "$stderr" ""
}

@test "list: --containers and --images show one table each" {
	local name
	name=$(container_name listed-c)
	create_container "$name" >/dev/null

	run "$TOOLBX" list --containers
	assert_success
	assert_line --index 0 --regexp '^CONTAINER ID'
	refute_line --regexp '^IMAGE ID'

	run "$TOOLBX" list -i
	assert_success
	assert_line --index 0 --regexp '^IMAGE ID'
	refute_line --regexp '^CONTAINER ID'
}

@test "list: A running container is highlighted only on a terminal" {
	local name
	name=$(container_name listed-running)
	create_container "$name" >/dev/null
	"$TOOLBX" run -c "$name" true

	run "$TOOLBX" list -c
	assert_line --regexp "^[0-9a-f]{12} +$name +.+ running +"
	refute_output --partial $'\e['

	run script -qec "$TOOLBX list -c" /dev/null
	assert_output --partial $'\e[1;32m'
}

@test "list: Images tagged or removed since the last list show up at once" {
	local tag="localhost/${TBTEST_PREFIX}list-tag:1"
	"$TOOLBX" list --images >/dev/null

	podman tag "$TOOLBX_TEST_IMAGE" "$tag"
	run --separate-stderr "$TOOLBX" list --images
	podman rmi "$tag" >/dev/null

	assert_success
	assert_line --regexp "^[0-9a-f]{12} +$tag +.+ ago$"

	run --separate-stderr "$TOOLBX" list --images
	assert_success
	refute_line --partial "$tag"
}

@test "list: An image with two names is listed once per name" {
	local tag="localhost/${TBTEST_PREFIX}list-copy:1" id names
	podman tag "$TOOLBX_TEST_IMAGE" "$tag"
	id=$(podman image inspect --format '{{.Id}}' "$TOOLBX_TEST_IMAGE")
	names=$(podman image inspect --format '{{len .RepoTags}}' "$TOOLBX_TEST_IMAGE")
	run --separate-stderr "$TOOLBX" list --images
	podman untag "$TOOLBX_TEST_IMAGE" "$tag"

	assert_success
	assert_equal "$(grep -c " $tag " <<<"$output")" 1
	assert_equal "$(grep -c " $TOOLBX_TEST_IMAGE " <<<"$output")" 1
	# Each row of the image is one of its names, each name once.
	assert_equal "$(grep -c "^${id:0:12} " <<<"$output")" "$names"
	assert_equal "$stderr" ""
}

@test "list: A broken toolbox.conf stops list, as it stops every Toolbx command" {
	mkdir -p "$BATS_TEST_TMPDIR/config/containers"
	printf '[general\n' >"$BATS_TEST_TMPDIR/config/containers/toolbox.conf"

	XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/config" run -1 --separate-stderr "$TOOLBX" list
	assert_output ""
	assert_equal "$stderr" "Error: failed to parse file $BATS_TEST_TMPDIR/config/containers/toolbox.conf"
}
