# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'

# run and enter --env and --workdir, beyond Toolbx (upstream issues 618,
# 998, 1675).

setup_file() {
	ENV_CONTAINER=$(container_name env)
	export ENV_CONTAINER
	create_container "$ENV_CONTAINER" >/dev/null
}

teardown_file() {
	cleanup_containers
}

setup() {
	cd "$HOME" || return 1
}

@test "env: run --env sets a value, passes the host's, and leaves out what the host lacks" {
	unset TBTEST_UNSET
	TBTEST_HOST='from the host' run --separate-stderr "$TOOLBX" run -c "$ENV_CONTAINER" \
		--env 'TBTEST_A=a b,c=d' --env TBTEST_HOST --env TBTEST_UNSET --env TBTEST_EMPTY= \
		sh -c 'echo "[$TBTEST_A] [$TBTEST_HOST] [${TBTEST_UNSET-unset}] [${TBTEST_EMPTY-unset}]"'

	assert_success
	assert_output "[a b,c=d] [from the host] [unset] []"
	assert_equal "$stderr" ""
}

@test "env: run --env wins over a variable that toolbox preserves" {
	run --separate-stderr "$TOOLBX" run -c "$ENV_CONTAINER" --env TERM=tbtest-term sh -c 'echo "$TERM"'

	assert_success
	assert_output tbtest-term
}

@test "env: enter --env sets the shell's environment" {
	run --separate-stderr sh -c "echo 'echo \"[\$TBTEST_E]\"' | '$TOOLBX' enter --env TBTEST_E=entered '$ENV_CONTAINER'"

	assert_success
	assert_line "[entered]"
}

@test "env: A bad variable name runs nothing" {
	local bad
	for bad in 1A=x A-B=x =x ''; do
		run -1 --separate-stderr "$TOOLBX" run -c "$ENV_CONTAINER" --env "$bad" touch "$BATS_TEST_TMPDIR/ran"
		assert_output ""
		stderr_as_output
		assert_line --index 0 "Error: invalid argument for '--env'"
		assert_line --index 1 "Variable names must match '[a-zA-Z_][a-zA-Z0-9_]*'."
		assert_line --index 2 "Run 'toolbox --help' for usage."
	done
	[ ! -e "$BATS_TEST_TMPDIR/ran" ]
}

@test "workdir: run --workdir starts in DIR, absolute or relative" {
	mkdir -p "$BATS_TEST_TMPDIR/sub"

	run --separate-stderr "$TOOLBX" run -c "$ENV_CONTAINER" --workdir /usr/share pwd
	assert_success
	assert_output /usr/share
	assert_equal "$stderr" ""

	cd "$BATS_TEST_TMPDIR" || return 1
	run --separate-stderr "$TOOLBX" run -c "$ENV_CONTAINER" --workdir sub pwd
	assert_success
	assert_output "$BATS_TEST_TMPDIR/sub"
}

@test "workdir: run --workdir with a missing DIR exits 127, with no fallback" {
	run -127 --separate-stderr "$TOOLBX" run -c "$ENV_CONTAINER" --workdir /no/such/dir pwd

	assert_output ""
	# After podman's own words, as for a missing current directory.
	assert_equal "${stderr_lines[-1]}" "Error: directory /no/such/dir not found in container $ENV_CONTAINER"
	stderr_as_output
	refute_line --partial "instead"
}

@test "workdir: run --workdir works from a directory that is gone" {
	local gone=$BATS_TEST_TMPDIR/gone
	mkdir "$gone"
	cd "$gone" || return 1
	rmdir "$gone"

	run --separate-stderr "$TOOLBX" run -c "$ENV_CONTAINER" --workdir /usr pwd

	assert_success
	assert_output /usr
}

@test "workdir: enter --workdir starts the shell in DIR" {
	run --separate-stderr sh -c "echo pwd | '$TOOLBX' enter --workdir /usr/share '$ENV_CONTAINER'"
	assert_success
	assert_line /usr/share

	run -127 --separate-stderr sh -c "echo pwd | '$TOOLBX' enter --workdir /no/such/dir '$ENV_CONTAINER'"
	assert_equal "${stderr_lines[-1]}" "Error: directory /no/such/dir not found in container $ENV_CONTAINER"
}
