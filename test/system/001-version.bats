# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'

@test "version: Print the version with the option --version" {
	run --separate-stderr "$TOOLBX" --version

	assert_success
	# Toolbx's format, which upstream's own 001-version.bats checks.
	assert_output --regexp '^toolbox version 0\.[1-9][0-9]*(\.[1-9][0-9]*)?$'
	# shellcheck disable=SC2154 # set by run --separate-stderr
	assert_equal "$stderr" ""
}
