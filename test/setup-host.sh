#!/usr/bin/env bash
# Prepare this host, as root, for the system tests of both root and
# rootless users: start the D-Bus system bus, build the test image (which
# also leaves the tarball that rootless users import) and, only when a
# probe container fails, write the containers.conf drop-in described in
# test/system/libs/helpers.bash. setup_suite.bash does the same when bats
# runs as root; this script is for running the rootless suite on its own.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
	echo "${0##*/}: run this as root" >&2
	exit 1
fi

# shellcheck source-path=SCRIPTDIR source=system/libs/helpers.bash
source "$(dirname "$0")/system/libs/helpers.bash"
prepare_host
