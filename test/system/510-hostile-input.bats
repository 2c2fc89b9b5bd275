# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'
load 'libs/shim'

# Words podman reads as its own options where a name should be: -l is the
# latest container, -a and --all every one.
HOSTILE="-l --latest -a --all -fa -f -af"

setup() {
	cd "$HOME" || return 1
	use_podman_shim
	export SHIM_REFUSE=$HOSTILE
}

teardown() {
	unset SHIM_REFUSE # the clean-up's own podman calls take --all
	cleanup_containers
}

@test "hostile: rm never passes a name to podman as an option" {
	local name word
	name=$(container_name hostile-rm)
	create_container "$name" >/dev/null

	for word in $HOSTILE; do
		run --separate-stderr "$TOOLBX" rm --force -- "$word"
		assert_failure
		assert_equal "$stderr" "Error: failed to inspect container $word"
	done
	run --separate-stderr "$TOOLBX" rm -f -- -l "$name"
	assert_failure
	assert_equal "${stderr_lines[0]}" "Error: failed to inspect container -l"

	run grep -c '^REFUSED' "$SHIM_LOG"
	assert_output 0
	run podman container exists "$name"
	assert_failure
}

@test "hostile: the latest container survives rm -f -- -l" {
	local name
	name=$(container_name hostile-latest)
	create_container "$name" >/dev/null
	# Real podman, nothing refused: `podman rm -l` would remove it.
	unset SHIM_REFUSE

	run --separate-stderr "$TOOLBX" rm -f -- -l
	assert_failure
	run podman container exists "$name"
	assert_success
}

@test "hostile: rmi never passes a name to podman as an option" {
	local word
	for word in $HOSTILE; do
		run --separate-stderr "$TOOLBX" rmi --force -- "$word"
		assert_failure
		# podman says why: not a reference.
		assert_equal "${stderr_lines[0]}" "Error: failed to inspect image $word"
	done
	run grep -c '^REFUSED' "$SHIM_LOG"
	assert_output 0
	run podman image exists "$TOOLBX_TEST_IMAGE"
	assert_success
}

@test "hostile: create, enter and run refuse such names before podman runs" {
	run --separate-stderr "$TOOLBX" create -- -l
	assert_failure
	assert_equal "${stderr_lines[0]}" "Error: invalid argument for 'CONTAINER'"

	run --separate-stderr "$TOOLBX" run --container=-l true
	assert_failure
	assert_equal "${stderr_lines[0]}" "Error: invalid argument for '--container'"

	run --separate-stderr "$TOOLBX" enter -- -a
	assert_failure
	assert_equal "${stderr_lines[0]}" "Error: invalid argument for 'CONTAINER'"

	run grep -Ec '(^| )(create|exec|start|inspect) ' "$SHIM_LOG"
	assert_output 0
}
