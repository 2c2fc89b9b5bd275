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

@test "enter: Enter a container and run a login shell in it" {
	local name
	name=$(container_name enter)
	create_container "$name" >/dev/null

	run --separate-stderr sh -c "echo 'echo \"in \$(hostname) as \$(id -un) at \$PWD\"' | '$TOOLBX' enter '$name'"

	assert_success
	assert_line "in toolbx as $(id -un) at $HOME"
}

@test "enter: On a terminal, the terminal is told which container it is in" {
	local name
	name=$(container_name enter-tty)
	create_container "$name" >/dev/null

	run sh -c "printf 'echo hello-from-enter; exit 7\n' | script -qec '$TOOLBX enter -c $name' /dev/null"

	assert_output --partial $'\e]777;container;push;'"$name"';toolbox;'"$(id -u)"$'\e\\'
	assert_output --partial "hello-from-enter"
	assert_output --partial $'\e]777;container;pop;;;'"$(id -u)"$'\e\\'
}

@test "enter: Try a container that does not exist when others do" {
	use_scratch_storage
	make_tiny_image localhost/toolbx-enter:1
	podman create --name first localhost/toolbx-enter:1 /bin/true >/dev/null
	podman create --name second localhost/toolbx-enter:1 /bin/true >/dev/null

	run -1 --separate-stderr "$TOOLBX" enter no-such-container

	stderr_as_output
	assert_line --index 0 "Error: container no-such-container not found"
	assert_line --index 1 "Use the '--container' option to select a Toolbx."
	assert_line --index 2 "Run 'toolbox --help' for usage."
}

@test "enter: Without the default container, the only other one is entered" {
	use_scratch_storage
	make_tiny_image localhost/toolbx-enter:1
	podman create --name only-one --label com.github.containers.toolbox=true localhost/toolbx-enter:1 /bin/true >/dev/null

	run -1 --separate-stderr "$TOOLBX" enter

	stderr_as_output
	assert_line --index 0 --regexp "^Error: container .+ not found$"
	assert_line --index 1 "Entering container only-one instead."
	assert_line --index 2 "Use the 'create' command to create a different Toolbx."
	# The tiny container is no real Toolbx container, so entering it fails.
	assert_line "Error: container only-one is too old and no longer supported"
}

@test "enter: With no containers at all, offer to create one" {
	use_scratch_storage

	run --separate-stderr sh -c "echo n | '$TOOLBX' enter"

	assert_success
	assert_line --index 0 "No Toolbx containers found. Create now? [y/N] A container can be created later with the 'create' command."
	assert_line --index 1 "Run 'toolbox --help' for usage."
	run podman ps --all --quiet
	assert_output ""
}

@test "enter: Try an unsupported distro" {
	run -1 --separate-stderr "$TOOLBX" enter --distro foo

	stderr_as_output
	assert_line --index 0 "Error: invalid argument for '--distro'"
	assert_line --index 1 "Distribution foo is unsupported."
}

@test "enter: A shell the container lacks falls back to bash" {
	local name
	name=$(container_name enter-shell)
	create_container "$name" >/dev/null

	SHELL=/usr/bin/no-such-shell run --separate-stderr "$TOOLBX" enter "$name" </dev/null

	assert_success
	assert_equal "${stderr_lines[-2]}" "Error: command /usr/bin/no-such-shell not found in container $name"
	assert_equal "${stderr_lines[-1]}" "Using /bin/bash instead."
}
