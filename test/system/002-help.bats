# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'

@test "help: Run toolbox with no command" {
	run -1 --separate-stderr "$TOOLBX"

	assert_output ""
	stderr_as_output
	assert_line --index 0 "Error: missing command"
	assert_equal "${lines[-1]}" "Run 'toolbox --help' for usage."
}

# man_dir: where meson put the manual pages of the binary under test (its
# build directory's doc/man1 and doc/man5), for MANPATH.
man_dir() {
	echo "$(dirname "$TOOLBX")/doc"
}

# need_manuals: skip unless man(1) and the built manual pages are there.
need_manuals() {
	command -v man >/dev/null || skip "no man(1)"
	[ -f "$(man_dir)/man1/toolbox.1" ] || skip "no manual pages next to $TOOLBX: build with meson"
}

# assert_manual PAGE: the output is man(1)'s rendering of PAGE(1).
assert_manual() {
	assert_line --index 0 --regexp "^$1\(1\) +General Commands Manual +$1\(1\)$"
	assert [ "${#lines[@]}" -gt 4 ]
	assert_equal "$stderr" ""
}

@test "help: Show the manual with the option --help" {
	need_manuals
	MANPATH="$(man_dir):" run --keep-empty-lines --separate-stderr "$TOOLBX" --help

	assert_success
	assert_manual toolbox
	assert_line --index 3 --regexp '^[[:blank:]]+toolbox [‐-] Tool for interactive command line environments on Linux$'
}

@test "help: Show the manual with the command help" {
	need_manuals
	MANPATH="$(man_dir):" run --keep-empty-lines --separate-stderr "$TOOLBX" help

	assert_success
	assert_manual toolbox
}

@test "help: Show the manual of create with 'help create' and 'create --help'" {
	need_manuals
	MANPATH="$(man_dir):" run --keep-empty-lines --separate-stderr "$TOOLBX" help create
	assert_success
	assert_manual toolbox-create
	assert_line --index 3 --regexp '^[[:blank:]]+toolbox-create [‐-] Create a new Toolbx container$'

	MANPATH="$(man_dir):" run --keep-empty-lines --separate-stderr "$TOOLBX" create --help
	assert_success
	assert_manual toolbox-create
}

@test "help: Show the manual of toolbox.conf(5)" {
	need_manuals
	MANPATH="$(man_dir):" run --keep-empty-lines --separate-stderr man 5 toolbox.conf

	assert_success
	assert_line --index 0 --regexp '^toolbox\.conf\(5\) +File Formats Manual +toolbox\.conf\(5\)$'
}

# The summary toolbox prints when it cannot show a manual.
assert_summary() {
	assert_success
	assert_output "toolbox - Tool for interactive command line environments on Linux

Common commands are:
create    Create a new Toolbx container
enter     Enter an existing Toolbx container
list      List all existing Toolbx containers and images

Go to https://github.com/containers/toolbox for further information."
	assert_equal "$stderr" ""
}

@test "help: Print a summary with the option --help when man(1) is missing" {
	local empty=$BATS_TEST_TMPDIR/bin
	mkdir "$empty"
	run --separate-stderr env PATH="$empty" "$TOOLBX" --help
	assert_summary

	run --separate-stderr env PATH="$empty" "$TOOLBX" help create
	assert_summary

	run --separate-stderr env PATH="$empty" "$TOOLBX" rm --help
	assert_summary
}

@test "help: Print a summary when the manual is missing" {
	command -v man >/dev/null || skip "no man(1)"
	MANPATH="$BATS_TEST_TMPDIR" run --separate-stderr "$TOOLBX" help init-container
	assert_summary
}
