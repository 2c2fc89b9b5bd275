# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
#
# Pulling images: `create`, and `enter` and `run` when they create the
# default container, against a real registry on loopback (libs/registry.bash)
# that serves the test image under the name `create --distro debian
# --release 12` resolves to, through a registries.conf mirror.
#
# Root only: the registry's CA is trusted through /etc/containers/certs.d. So
# this file has no rootless tag.
#
# Every test runs in scratch storage (libs/scratch.bash), which starts empty:
# each pull is real, and what a test pulls and creates goes away with its
# storage. That is why the mirrored name quay.io/toolbx-images/debian-toolbox:12
# can be used as it is: the copy that build-offline.sh tags in the user's own
# storage, for the offline quick start, is never seen, so nothing has to be
# untagged and tagged back.

load 'libs/helpers'
load 'libs/scratch'
load 'libs/registry'

setup_file() {
	# bats 1.8 cannot skip in setup_file: setup skips each test instead.
	local tool
	is_root || { export PULL_SKIP="needs root: the registry's CA goes to /etc/containers/certs.d"; return 0; }
	for tool in docker-registry htpasswd openssl skopeo script pgrep; do
		if ! command -v "$tool" >/dev/null; then
			export PULL_SKIP="$tool is not installed (test/run.sh installs the packages these tests need)"
			return 0
		fi
	done
	registry_start || { registry_stop; return 1; }
	registry_push "$TOOLBX_TEST_IMAGE" "toolbx-images/debian-toolbox:$TOOLBX_TEST_RELEASE" || { registry_stop; return 1; }
	registry_mirror_conf quay.io/toolbx-images
	export PULL_IMAGE=$REGISTRY/toolbx-images/debian-toolbox:$TOOLBX_TEST_RELEASE
	export MIRRORED_IMAGE=quay.io/toolbx-images/debian-toolbox:$TOOLBX_TEST_RELEASE
}

teardown_file() {
	registry_stop
}

setup() {
	[ -z "${PULL_SKIP:-}" ] || skip "$PULL_SKIP"
	cd "$HOME" || return 1
	# overlay rather than the scratch storage's vfs, which copies the whole
	# image into each container and makes these tests much slower.
	export STORAGE_DRIVER=overlay
	use_scratch_storage
	# As if the user had logged in to the registry; tests of credentials
	# unset it.
	export REGISTRY_AUTH_FILE=$REGISTRY_LOGIN_FILE
}

teardown() {
	# A test that stopped the registry and failed before resuming it.
	[ -z "${REGISTRY_PID:-}" ] || kill -CONT "$REGISTRY_PID" 2>/dev/null
	drop_scratch_storage
}

# on_terminal INPUT ARGS...: run toolbox ARGS on a terminal (script(1)) on
# which INPUT is typed; the output has the terminal's CR LF line ends.
on_terminal() {
	local input=$1
	shift
	printf '%s' "$input" | script -qec "$(printf '%q ' "$TOOLBX" "$@")" /dev/null
}

# terminal_output: after `run on_terminal`, drop the CRs from $output and
# $lines.
# shellcheck disable=SC2034 # bats' variables
terminal_output() {
	output=${output//$'\r'/}
	mapfile -t lines <<<"$output"
}

# with_default_debian: make the default container debian-toolbox-RELEASE on
# any host, through toolbox.conf.
with_default_debian() {
	mkdir -p "$BATS_TEST_TMPDIR/config/containers"
	printf '[general]\ndistro = "debian"\nrelease = "%s"\n' "$TOOLBX_TEST_RELEASE" \
		>"$BATS_TEST_TMPDIR/config/containers/toolbox.conf"
	export XDG_CONFIG_HOME=$BATS_TEST_TMPDIR/config
}

@test "pull: On a terminal, create asks before downloading, with the size from the registry" {
	local name
	name=$(container_name pull-ask)

	run on_terminal $'y\n' create -i "$PULL_IMAGE" "$name"

	assert_success
	terminal_output
	assert_line "Image required to create Toolbx container."
	assert_output --partial "Download $PULL_IMAGE ("
	assert_output --regexp "\(([0-9]+|[0-9]+\.[0-9]+)[kMG]B\)\? \[y/N\]: "
	# podman's own progress, on a terminal only.
	assert_output --partial "Writing manifest to image destination"
	assert_line "Created container: $name"
	assert_line "Enter with: toolbox enter $name"
	run podman image exists "$PULL_IMAGE"
	assert_success
	run podman container exists "$name"
	assert_success
}

@test "pull: Answering no downloads and creates nothing" {
	local name
	name=$(container_name pull-no)

	run on_terminal $'n\n' create -i "$PULL_IMAGE" "$name"

	assert_failure
	terminal_output
	# The answer was typed ahead, so its echo came first and the message
	# follows the question on its line.
	assert_output --partial "Download $PULL_IMAGE ("
	assert_output --partial "? [y/N]: Error: image required to create Toolbx container."
	run podman image exists "$PULL_IMAGE"
	assert_failure
	run podman container exists "$name"
	assert_failure
}

@test "pull: With --assumeyes and no terminal, only the result is printed" {
	local name
	name=$(container_name pull-y)

	run --separate-stderr "$TOOLBX" --assumeyes create -i "$PULL_IMAGE" "$name"

	assert_success
	assert_line --index 0 "Created container: $name"
	assert_line --index 1 "Enter with: toolbox enter $name"
	assert_equal "${#lines[@]}" 2
	assert_equal "$stderr" ""
	run podman inspect --format '{{.ImageName}}' "$name"
	assert_output "$PULL_IMAGE"
}

@test "pull: Without a terminal and without --assumeyes, nothing is downloaded" {
	local name
	name=$(container_name pull-noterm)

	run -1 --separate-stderr "$TOOLBX" create -i "$PULL_IMAGE" "$name"

	assert_output ""
	stderr_as_output
	assert_line --index 0 "Error: image required to create Toolbx container."
	assert_line --index 1 "Use option '--assumeyes' to download the image."
	assert_line --index 2 "Run 'toolbox --help' for usage."
	run podman image exists "$PULL_IMAGE"
	assert_failure
}

@test "pull: The default images come from their registries (here a mirror)" {
	run --separate-stderr "$TOOLBX" -y create --distro debian --release "$TOOLBX_TEST_RELEASE"

	assert_success
	assert_line --index 0 "Created container: debian-toolbox-$TOOLBX_TEST_RELEASE"
	assert_equal "$stderr" ""
	run podman inspect --format '{{.ImageName}}' "debian-toolbox-$TOOLBX_TEST_RELEASE"
	assert_output "$MIRRORED_IMAGE"
}

@test "pull: --authfile gives the credentials of a private image" {
	local name
	name=$(container_name pull-auth)
	unset REGISTRY_AUTH_FILE

	run -1 --separate-stderr "$TOOLBX" -y create --authfile "$BATS_TEST_TMPDIR/no-auth.json" -i "$PULL_IMAGE" "$name"
	stderr_as_output
	assert_line --index 0 "Error: file $BATS_TEST_TMPDIR/no-auth.json not found"
	assert_line --index 1 "'podman login' can be used to create the file."
	assert_line --index 2 "Run 'toolbox --help' for usage."

	# Without credentials, the registry tells no size, and the question
	# goes without it.
	run on_terminal $'n\n' create -i "$PULL_IMAGE" "$name"
	terminal_output
	assert_output --partial "Download $PULL_IMAGE? [y/N]: "

	run -1 --separate-stderr "$TOOLBX" -y create -i "$PULL_IMAGE" "$name"
	stderr_as_output
	assert_line --index 0 "Error: failed to pull image $PULL_IMAGE"
	assert_line --index 1 "If it was a private image, log in with: podman login $REGISTRY"
	assert_line --index 2 "Use 'toolbox --verbose ...' for further details."
	run podman container exists "$name"
	assert_failure

	run on_terminal $'y\n' create --authfile "$REGISTRY_LOGIN_FILE" -i "$PULL_IMAGE" "$name"
	assert_success
	terminal_output
	assert_output --partial "Download $PULL_IMAGE ("
	assert_line "Created container: $name"
}

@test "pull: enter offers to create the default container and pulls its image" {
	with_default_debian

	run on_terminal $'y\ny\necho "inside $(. /etc/os-release; echo $ID)"; exit\n' enter

	assert_success
	terminal_output
	assert_output --partial "No Toolbx containers found. Create now? [y/N] "
	assert_output --partial "Download $MIRRORED_IMAGE ("
	# Only the shell's answer has it: the echo of the typed line does not.
	assert_output --partial "inside debian"
	run podman container exists "debian-toolbox-$TOOLBX_TEST_RELEASE"
	assert_success
}

@test "pull: run --assumeyes creates the default container, pulls its image and runs the command" {
	with_default_debian

	# shellcheck disable=SC2016 # expanded in the container
	run --separate-stderr "$TOOLBX" -y run sh -c '. /etc/os-release; echo "inside $ID"'

	assert_success
	assert_output "inside debian"
	assert_equal "$stderr" ""
	run podman inspect --format '{{.ImageName}}' "debian-toolbox-$TOOLBX_TEST_RELEASE"
	assert_output "$MIRRORED_IMAGE"
}

@test "pull: run asks on a terminal, and declining exits 1" {
	with_default_debian

	run -1 on_terminal $'n\n' run true

	terminal_output
	assert_output --partial "No Toolbx containers found. Create now? [y/N] A container can be created later with the 'create' command."
	run podman ps --all --quiet
	assert_output ""
}

# podman_pulling IMAGE: wait up to 10 s for a `podman pull IMAGE` process.
podman_pulling() {
	for _ in $(seq 100); do
		pgrep -f -- " pull (-- )?$1\$" >/dev/null && return 0
		sleep 0.1
	done
	return 1
}

@test "pull: Ctrl-C during a pull leaves no container, and the next create works" {
	local name pid
	name=$(container_name pull-int)
	mkfifo "$BATS_TEST_TMPDIR/keyboard"
	# A stopped registry keeps the pull waiting however fast this machine is.
	kill -STOP "$REGISTRY_PID"
	# Not on bats' fd 3, which bats waits on.
	timeout 120 script -qec "$(printf '%q ' "$TOOLBX" -y create -i "$PULL_IMAGE" "$name")" /dev/null \
		<"$BATS_TEST_TMPDIR/keyboard" >"$BATS_TEST_TMPDIR/screen" 2>&1 3>&- &
	pid=$!
	exec {keyboard}>"$BATS_TEST_TMPDIR/keyboard"
	if ! podman_pulling "$PULL_IMAGE"; then
		kill "$pid"
		fail "no podman pull started: $(cat "$BATS_TEST_TMPDIR/screen")"
	fi

	# Ctrl-C on the terminal: SIGINT to toolbox and podman.
	printf '\003' >&"$keyboard"
	status=0
	wait "$pid" || status=$?
	exec {keyboard}>&-
	kill -CONT "$REGISTRY_PID"

	output=$(tr -d '\r' <"$BATS_TEST_TMPDIR/screen")
	echo "$output"
	assert_equal "$status" 130
	assert_output --partial "Error: failed to pull image $PULL_IMAGE: interrupted"
	assert_equal "$(grep -c 'Error' <<<"$output")" 1
	refute_output --partial "context canceled"
	run podman ps --all --quiet
	assert_output ""

	run --separate-stderr "$TOOLBX" -y create -i "$PULL_IMAGE" "$name"
	assert_success
	assert_line --index 0 "Created container: $name"
}

@test "pull: localhost/ images are never pulled nor asked for" {
	local name
	name=$(container_name pull-local)

	run on_terminal $'y\n' --verbose create -i localhost/no-such-image:1 "$name"

	assert_failure
	terminal_output
	assert_line "Error: image localhost/no-such-image:1 not found in local storage"
	refute_output --partial "Download"
	refute_output --partial "Image required"
	refute_output --regexp 'argv="podman --log-level [a-z]+ pull '
	refute_output --partial "skopeo"
}
