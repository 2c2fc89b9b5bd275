# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'

setup() {
	cd "$HOME" || return 1
}

teardown() {
	cleanup_containers
}

@test "create: Create a container with a name and an image" {
	local name
	name=$(container_name create)
	track_container "$name"

	run --separate-stderr "$TOOLBX" create -i "$TOOLBX_TEST_IMAGE" "$name"

	assert_success
	assert_line --index 0 "Created container: $name"
	assert_line --index 1 "Enter with: toolbox enter $name"
	assert_equal "${#lines[@]}" 2
	assert_equal "$stderr" ""
	run podman inspect --format '{{index .Config.Labels "com.github.containers.toolbox"}} {{index .Config.Cmd 0}} {{.Config.Hostname}}' "$name"
	assert_output "true toolbox toolbx"
}

@test "create: The undocumented --container option names the container" {
	local name
	name=$(container_name create-c)
	track_container "$name"

	run "$TOOLBX" create --image "$TOOLBX_TEST_IMAGE" --container "$name"

	assert_success
	assert_line --index 0 "Created container: $name"
	run podman container exists "$name"
	assert_success
}

@test "create: The default container is named after the host's distro and release" {
	local name
	name="$(get_system_id)-toolbox-$(get_system_version)"
	podman container exists "$name" && skip "$name exists already and is not ours"

	run create_default_container

	assert_success
	assert_line --index 0 "Created container: $name"
	assert_line --index 1 "Enter with: toolbox enter"
}

@test "create: The container gets the arguments Toolbx containers have" {
	local name
	name=$(container_name args)
	create_container "$name"

	run podman inspect --format '{{json .Config.Cmd}}' "$name"
	assert_output --partial '"toolbox","--log-level","debug","init-container","--gid","'"$(id -g)"'"'
	assert_output --partial '"--uid","'"$(id -u)"'","--user","'"$(id -un)"'"'
	run podman inspect --format '{{range .Mounts}}{{.Destination}} {{end}}' "$name"
	assert_output --partial "/run/host "
	assert_output --partial "/usr/bin/toolbox "
	assert_output --partial "$HOME "
	run podman inspect --format '{{.HostConfig.PidMode}} {{.HostConfig.NetworkMode}} {{.HostConfig.Privileged}}' "$name"
	assert_output "host host true"
}

@test "create: Try an existing name" {
	local name
	name=$(container_name twice)
	create_container "$name"

	run -1 --separate-stderr "$TOOLBX" create -i "$TOOLBX_TEST_IMAGE" "$name"

	assert_output ""
	stderr_as_output
	assert_line --index 0 "Error: container $name already exists"
	assert_line --index 1 "Enter with: toolbox enter $name"
	assert_line --index 2 "Run 'toolbox --help' for usage."
}

@test "create: Try invalid names" {
	run -1 --separate-stderr "$TOOLBX" create -i "$TOOLBX_TEST_IMAGE" "ab/c"
	stderr_as_output
	assert_line --index 0 "Error: invalid argument for 'CONTAINER'"
	assert_line --index 1 "Container names must match '[a-zA-Z0-9][a-zA-Z0-9_.-]*'."
	assert_line --index 2 "Run 'toolbox --help' for usage."

	run -1 --separate-stderr "$TOOLBX" create -i "$TOOLBX_TEST_IMAGE" --container "ab/c"
	stderr_as_output
	assert_line --index 0 "Error: invalid argument for '--container'"
}

@test "create: Try conflicting options" {
	run -1 --separate-stderr "$TOOLBX" create --distro fedora --image foo
	stderr_as_output
	assert_line --index 0 "Error: options --distro and --image cannot be used together"
	assert_line --index 1 "Run 'toolbox --help' for usage."

	run -1 --separate-stderr "$TOOLBX" create --image foo --release 40
	stderr_as_output
	assert_line --index 0 "Error: options --image and --release cannot be used together"
}

@test "create: Try an unsupported distro and bad releases" {
	run -1 --separate-stderr "$TOOLBX" create --distro foo
	stderr_as_output
	assert_line --index 0 "Error: invalid argument for '--distro'"
	assert_line --index 1 "Distribution foo is unsupported."
	assert_line --index 2 "Run 'toolbox --help' for usage."

	run -1 --separate-stderr "$TOOLBX" create --distro fedora --release foo
	stderr_as_output
	assert_line --index 0 "Error: invalid argument for '--release'"
	assert_line --index 1 "The release must be a positive integer."

	run -1 --separate-stderr "$TOOLBX" create --distro ubuntu --release 20.4
	stderr_as_output
	assert_line --index 1 "The release month must have two digits."
}

@test "create: A distro that is not the host's needs a release" {
	[ "$(get_system_id)" = fedora ] && skip "the host is Fedora"

	run -1 --separate-stderr "$TOOLBX" create --distro fedora
	stderr_as_output
	assert_line --index 0 "Error: option '--release' is needed"
	assert_line --index 1 "Distribution fedora doesn't match the host."
}

@test "create: Try image references podman would refuse" {
	local name image
	name=$(container_name bad-image)
	for image in 'UPPER/Case' 'a b' 'x:y:z' 'foo@sha256:0123'; do
		run -1 --separate-stderr "$TOOLBX" create --image "$image" "$name"
		assert_output ""
		assert_equal "${stderr_lines[0]}" "Error: invalid argument for '--image'"
		assert_equal "${stderr_lines[1]%%: *}" "Image $image is not a valid reference"
		run podman container exists "$name"
		assert_failure
	done
}

@test "create: Try a missing authfile" {
	run -1 --separate-stderr "$TOOLBX" create --authfile /nonexistent/auth.json
	stderr_as_output
	assert_line --index 0 "Error: file /nonexistent/auth.json not found"
	assert_line --index 1 "'podman login' can be used to create the file."
}

@test "create: A missing image that cannot be pulled creates nothing" {
	local name
	name=$(container_name nopull)
	track_container "$name"

	run -1 --separate-stderr "$TOOLBX" create -i localhost/no-such-image:1 "$name"
	stderr_as_output
	assert_line --index 0 --partial "Error: image localhost/no-such-image:1 not found"

	run -1 --separate-stderr "$TOOLBX" create -i registry.invalid/no/image:1 "$name"
	stderr_as_output
	assert_line --index 0 "Error: image required to create Toolbx container."
	assert_line --index 1 "Use option '--assumeyes' to download the image."

	run -1 --separate-stderr "$TOOLBX" -y create -i registry.invalid/no/image:1 "$name"
	stderr_as_output
	assert_line --index 0 "Error: failed to pull image registry.invalid/no/image:1"
	assert_line --index 1 "If it was a private image, log in with: podman login registry.invalid"

	run podman container exists "$name"
	assert_failure
}

@test "create: The image is found through toolbox.conf" {
	local name
	name=$(container_name conf)
	mkdir -p "$BATS_TEST_TMPDIR/config/containers"
	printf '[general]\nimage = "%s"\n' "$TOOLBX_TEST_IMAGE" >"$BATS_TEST_TMPDIR/config/containers/toolbox.conf"
	track_container "$name"

	XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/config" run "$TOOLBX" create "$name"

	assert_success
	run podman inspect --format '{{.ImageName}}' "$name"
	assert_output "$TOOLBX_TEST_IMAGE"
}

@test "create: A broken toolbox.conf is reported" {
	mkdir -p "$BATS_TEST_TMPDIR/config/containers"
	printf '[general\n' >"$BATS_TEST_TMPDIR/config/containers/toolbox.conf"

	XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/config" run -1 --separate-stderr "$TOOLBX" create
	stderr_as_output
	assert_line --index 0 "Error: failed to parse file $BATS_TEST_TMPDIR/config/containers/toolbox.conf"
}
