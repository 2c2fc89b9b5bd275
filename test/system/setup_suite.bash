# shellcheck shell=bash
#
# Runs once before and after all the .bats files of one bats run.

# shellcheck source-path=SCRIPTDIR source=libs/helpers.bash
source "$(dirname "${BASH_SOURCE[0]}")/libs/helpers.bash"

setup_suite() {
	if [ ! -x "$TOOLBX" ]; then
		echo "no toolbox binary at $TOOLBX: build it (go build -o builddir/toolbox .)" \
			"or point TOOLBX at one" >&2
		return 1
	fi
	export TOOLBX

	# Show what the set-up does as TAP comments.
	local setup=check_host status
	is_root && setup=prepare_host
	$setup 2>&1 | sed 's/^/# /' >&3
	status=${PIPESTATUS[0]}
	return "$status"
}

teardown_suite() {
	cleanup_containers
}
