# shellcheck shell=bats
# bats file_tags=rootless

load 'libs/helpers'

@test "help: Run toolbox with no command" {
	run -1 --separate-stderr "$TOOLBX"

	assert_output ""
	stderr_as_output
	assert_line --index 0 "Error: missing command"
	assert_equal "${lines[-1]}" "Run 'toolbox --help' for usage."
}
