# shellcheck shell=bash
#
# Runs once before and after all the .bats files of one bats run.

# shellcheck source-path=SCRIPTDIR source=libs/helpers.bash
source "$(dirname "${BASH_SOURCE[0]}")/libs/helpers.bash"
# shellcheck source-path=SCRIPTDIR source=libs/p11kit.bash
source "$(dirname "${BASH_SOURCE[0]}")/libs/p11kit.bash"

setup_suite() {
	if [ ! -x "$TOOLBX" ]; then
		echo "no toolbox binary at $TOOLBX: build it (go build -o builddir/toolbox .)" \
			"or point TOOLBX at one" >&2
		return 1
	fi
	export TOOLBX
	# toolbox run starts a p11-kit server that outlives it; if this run
	# starts it, teardown_suite stops it.
	[ -e "$(p11kit_socket)" ] || export TBTEST_STOP_P11KIT=1

	# Show what the set-up does as TAP comments.
	local setup=check_host status
	is_root && setup=prepare_host
	$setup 2>&1 | sed 's/^/# /' >&3
	status=${PIPESTATUS[0]}
	return "$status"
}

teardown_suite() {
	cleanup_containers
	[ -z "${TBTEST_STOP_P11KIT:-}" ] || stop_p11kit_server "$(p11kit_socket)"
}
