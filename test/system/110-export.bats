# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless
#
# toolbox export, with real applications in a real container: Debian's htop
# and vim, installed at test time from Debian's mirror, and a desktop entry
# of the test's own (D-Bus activation, an action, an icon at one size) for
# a program that writes down its arguments. The host's side is real too:
# desktop-file-validate, update-desktop-database, GLib's launcher (gio
# launch) and sh. As root, the exports go below a directory of the test's
# in the home, which the container shares (XDG_DATA_HOME, --to); rootless
# podman keeps its storage below XDG_DATA_HOME, so the test user's go to
# its own ~/.local/share, and teardown removes them.

load 'libs/helpers'

setup_file() {
	bats_require_minimum_version 1.5.0
	cd "$HOME" || return 1
	EXPORT_CONTAINER=$(container_name export)
	EXPORT_DIR=$HOME/.${TBTEST_PREFIX}export
	export EXPORT_CONTAINER EXPORT_DIR
	is_root && export XDG_DATA_HOME=$EXPORT_DIR/share
	DATA=${XDG_DATA_HOME:-$HOME/.local/share}
	export DATA
	mkdir -p "$EXPORT_DIR/bin" "$DATA"
	create_container "$EXPORT_CONTAINER" >/dev/null
	"$TOOLBX" run -c "$EXPORT_CONTAINER" sudo sh -c 'apt-get update -q && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends htop vim' >"$EXPORT_DIR/apt.log" 2>&1
	# A program that writes its arguments and its container's name down,
	# in the home, which the container shares, and an entry for it.
	cat >"$EXPORT_DIR/args" <<-'EOF'
		#!/bin/sh
		{ printf '<%s>\n' "$@"; grep ^name= /run/.containerenv; } >"$0.tmp" && mv "$0.tmp" "$0.out"
	EOF
	chmod +x "$EXPORT_DIR/args"
	"$TOOLBX" run -c "$EXPORT_CONTAINER" sudo sh -c 'mkdir -p /usr/local/share/applications \
		/usr/local/share/icons/hicolor/16x16/apps &&
		cp /usr/share/icons/hicolor/48x48/apps/gvim.png \
			/usr/local/share/icons/hicolor/16x16/apps/org.example.TbtestArgs.png &&
		cat >/usr/local/share/applications/org.example.TbtestArgs.desktop' <<-EOF
		[Desktop Entry]
		Type=Application
		Name=Tbtest Args
		Exec=env TBTEST_OUT=x "$EXPORT_DIR/args" --files %U
		DBusActivatable=true
		Icon=org.example.TbtestArgs
		Actions=second;

		[Desktop Action second]
		Name=Second
		Exec="$EXPORT_DIR/args" "two words" %f
	EOF
}

teardown_file() {
	cleanup_containers
	rm -rf "${EXPORT_DIR:?}"
	find "$DATA/applications" "$DATA/icons" "$DATA/toolbox/exports" -name "*${TBTEST_PREFIX}*" -delete 2>/dev/null
	return 0
}

setup() {
	cd "$HOME" || return 1
	"$TOOLBX" run -c "$EXPORT_CONTAINER" test -x /usr/bin/htop ||
		skip "htop could not be installed in the container (see $EXPORT_DIR/apt.log)"
}

# desktop FILE ID: the path of the exported desktop entry of ID.
desktop() {
	echo "$DATA/applications/$EXPORT_CONTAINER-$1.desktop"
}

@test "export: An application's entry validates, and its Exec line starts it in the container" {
	command -v desktop-file-validate >/dev/null || skip "no desktop-file-validate (Debian package desktop-file-utils)"
	local entry icons=$DATA/icons/hicolor
	entry=$(desktop vim)

	run --separate-stderr "$TOOLBX" export --app vim -c "$EXPORT_CONTAINER"
	assert_success
	assert_line --index 0 "Exported vim from container $EXPORT_CONTAINER:"
	assert_line --index 1 "  $entry"

	run desktop-file-validate "$entry"
	assert_success
	assert_output ""
	run grep -E '^(Exec|TryExec|Name|Name\[de\]|Icon|X-Toolbox-Container)=' "$entry"
	assert_output - <<-EOF
		Name[de]=Vim ($EXPORT_CONTAINER)
		Name=Vim ($EXPORT_CONTAINER)
		TryExec=$TOOLBX
		Exec=$TOOLBX run --container $EXPORT_CONTAINER vim %F
		Icon=$EXPORT_CONTAINER-gvim
		X-Toolbox-Container=$EXPORT_CONTAINER
	EOF
	# The icons, at their sizes, as the container has them.
	"$TOOLBX" run -c "$EXPORT_CONTAINER" cat /usr/share/icons/hicolor/48x48/apps/gvim.png |
		cmp - "$icons/48x48/apps/$EXPORT_CONTAINER-gvim.png"
	"$TOOLBX" run -c "$EXPORT_CONTAINER" cat /usr/share/icons/hicolor/scalable/apps/gvim.svg |
		cmp - "$icons/scalable/apps/$EXPORT_CONTAINER-gvim.svg"
	# update-desktop-database ran: the entry opens text files.
	if command -v update-desktop-database >/dev/null; then
		grep "^text/plain=.*$EXPORT_CONTAINER-vim.desktop" "$DATA/applications/mimeinfo.cache"
	fi

	# The Exec line, as a launcher runs it for a file (%F): vim in the
	# container, which reads its commands from standard input here.
	local exec_line file=$EXPORT_DIR/notes.txt
	exec_line=$(sed -n 's/^Exec=//p' "$entry")
	echo "first line" >"$file"
	printf ':r /run/.containerenv\n:wq\n' | sh -c "${exec_line/\%F/$file}" >/dev/null 2>&1
	run cat "$file"
	assert_line --index 0 "first line"
	assert_line "name=\"$EXPORT_CONTAINER\""
}

@test "export: D-Bus activation goes, actions and field codes are kept, a launcher starts it" {
	command -v gio >/dev/null || skip "no gio (Debian package libglib2.0-bin)"
	local entry
	entry=$(desktop org.example.TbtestArgs)

	run "$TOOLBX" export --app TbtestArgs -c "$EXPORT_CONTAINER"
	assert_success
	assert_line "  $DATA/icons/hicolor/16x16/apps/$EXPORT_CONTAINER-org.example.TbtestArgs.png"
	run desktop-file-validate "$entry"
	assert_output ""
	run grep -c DBusActivatable "$entry"
	assert_output 0
	run grep '^Exec=' "$entry"
	assert_line --index 0 "Exec=$TOOLBX run --container $EXPORT_CONTAINER env TBTEST_OUT=x $EXPORT_DIR/args --files %U"
	assert_line --index 1 "Exec=$TOOLBX run --container $EXPORT_CONTAINER $EXPORT_DIR/args \"two words\" %f"

	# GLib's launcher expands %U and runs the Exec line.
	rm -f "$EXPORT_DIR/args.out"
	gio launch "$entry" "$EXPORT_DIR/a file" https://example.org/x
	wait_for_file "$EXPORT_DIR/args.out"
	run cat "$EXPORT_DIR/args.out"
	assert_output - <<-EOF
		<--files>
		<$EXPORT_DIR/a file>
		<https://example.org/x>
		name="$EXPORT_CONTAINER"
	EOF

	# The action's Exec line, by a shell.
	local exec_line
	exec_line=$(sed -n 's/^Exec=//p' "$entry" | tail -n 1)
	rm -f "$EXPORT_DIR/args.out"
	sh -c "${exec_line/\%f//etc/hosts}"
	run cat "$EXPORT_DIR/args.out"
	assert_line --index 0 "<two words>"
	assert_line --index 1 "</etc/hosts>"
}

@test "export: A program's wrapper passes arguments, standard input and the exit code" {
	run --separate-stderr "$TOOLBX" export --bin sh -c "$EXPORT_CONTAINER" --to "$EXPORT_DIR/bin"
	assert_success
	assert_output - <<-EOF
		Exported /usr/bin/sh from container $EXPORT_CONTAINER:
		  $EXPORT_DIR/bin/sh
	EOF
	assert_equal "${stderr_lines[0]}" "Warning: $EXPORT_DIR/bin is not in PATH"

	run -7 "$EXPORT_DIR/bin/sh" -c 'printf "<%s>\n" "$@"; read -r line; echo "in: $line"; grep ^name= /run/.containerenv; exit 7' \
		sh 'a b' '' "c'd" -- --help <<<"some input"
	assert_output - <<-EOF
		<a b>
		<>
		<c'd>
		<-->
		<--help>
		in: some input
		name="$EXPORT_CONTAINER"
	EOF

	# In that container it runs the program itself: with the caller's
	# environment, which toolbox run would not carry over.
	run "$TOOLBX" run -c "$EXPORT_CONTAINER" env TBTEST_MARK=here "$EXPORT_DIR/bin/sh" -c 'echo "${TBTEST_MARK:-lost}"'
	assert_success
	assert_output "here"
	"$TOOLBX" export --delete --bin sh -c "$EXPORT_CONTAINER" >/dev/null
}

@test "export: A program goes to ~/.local/bin by default, and --delete removes it" {
	local name=${TBTEST_PREFIX}hello had_bin=true
	[ -d "$HOME/.local/bin" ] || had_bin=false
	[ ! -e "$HOME/.local/bin/$name" ] || skip "$HOME/.local/bin/$name exists"
	"$TOOLBX" run -c "$EXPORT_CONTAINER" sudo sh -c "printf '#!/bin/sh\necho hello \"\$@\"\n' >/usr/local/bin/$name && chmod +x /usr/local/bin/$name"

	run "$TOOLBX" export --bin "$name" -c "$EXPORT_CONTAINER"
	assert_success
	assert_line --index 1 "  $HOME/.local/bin/$name"
	run "$HOME/.local/bin/$name" world
	assert_output "hello world"

	run "$TOOLBX" export --delete --bin "$name" -c "$EXPORT_CONTAINER"
	assert_success
	assert_line --index 1 "  $HOME/.local/bin/$name"
	[ ! -e "$HOME/.local/bin/$name" ]
	$had_bin || rmdir "$HOME/.local/bin"
}

@test "export: --list shows what was exported, --delete removes exactly that" {
	run "$TOOLBX" export --app htop -c "$EXPORT_CONTAINER"
	assert_success
	run "$TOOLBX" export --bin htop -c "$EXPORT_CONTAINER" --to "$EXPORT_DIR/bin"
	assert_success
	echo "the user's" >"$DATA/applications/htop.desktop"

	run --separate-stderr "$TOOLBX" export --list -c "$EXPORT_CONTAINER"
	assert_success
	assert_line --index 0 --regexp '^CONTAINER +KIND +NAME +FILE$'
	assert_line --regexp "^$EXPORT_CONTAINER +app +htop +$(desktop htop)\$"
	assert_line --regexp "^$EXPORT_CONTAINER +bin +/usr/bin/htop +$EXPORT_DIR/bin/htop\$"
	run "$TOOLBX" export --list
	assert_line --regexp "^$EXPORT_CONTAINER +app +htop +"

	run "$TOOLBX" export --delete --app htop -c "$EXPORT_CONTAINER"
	assert_success
	assert_output - <<-EOF
		Removed what was exported from container $EXPORT_CONTAINER:
		  $(desktop htop)
		  $DATA/icons/hicolor/scalable/apps/$EXPORT_CONTAINER-htop.svg
	EOF
	[ ! -e "$(desktop htop)" ]
	[ -x "$EXPORT_DIR/bin/htop" ]
	run cat "$DATA/applications/htop.desktop"
	assert_output "the user's"
	run "$TOOLBX" export --list -c "$EXPORT_CONTAINER"
	refute_line --regexp " app +htop "

	run -1 --separate-stderr "$TOOLBX" export --delete --app htop -c "$EXPORT_CONTAINER"
	assert_equal "$stderr" "Error: htop is not exported from container $EXPORT_CONTAINER"
	run "$TOOLBX" export --delete --bin htop -c "$EXPORT_CONTAINER" --to "$EXPORT_DIR/bin"
	assert_success
	[ ! -e "$EXPORT_DIR/bin/htop" ]
	rm "$DATA/applications/htop.desktop"
}

@test "export: A file of the user's is never replaced without --force, nor removed" {
	echo "the user's" >"$EXPORT_DIR/bin/htop"
	mkdir -p "$DATA/applications"
	echo "[Desktop Entry]" >"$(desktop htop)"

	run -1 --separate-stderr "$TOOLBX" export --bin htop -c "$EXPORT_CONTAINER" --to "$EXPORT_DIR/bin"
	assert_output ""
	assert_equal "${stderr_lines[0]}" "Error: file $EXPORT_DIR/bin/htop already exists"
	assert_equal "${stderr_lines[1]}" "Use option '--force' to replace it."
	run -1 --separate-stderr "$TOOLBX" export --app htop -c "$EXPORT_CONTAINER"
	assert_equal "${stderr_lines[0]}" "Error: file $(desktop htop) already exists"
	# Nothing was written: not the icon either.
	[ ! -e "$DATA/icons/hicolor/scalable/apps/$EXPORT_CONTAINER-htop.svg" ]
	run cat "$EXPORT_DIR/bin/htop"
	assert_output "the user's"

	run "$TOOLBX" export --force --bin htop -c "$EXPORT_CONTAINER" --to "$EXPORT_DIR/bin"
	assert_success
	run "$EXPORT_DIR/bin/htop" --version
	assert_output --regexp '^htop [0-9]'

	# An exported file the user changed since is kept.
	run "$TOOLBX" export --force --app htop -c "$EXPORT_CONTAINER"
	assert_success
	local icon=$DATA/icons/hicolor/scalable/apps/$EXPORT_CONTAINER-htop.svg
	echo "<svg/>" >"$icon"
	run --separate-stderr "$TOOLBX" export --delete --app htop -c "$EXPORT_CONTAINER"
	assert_success
	assert_output - <<-EOF
		Removed what was exported from container $EXPORT_CONTAINER:
		  $(desktop htop)
	EOF
	assert_equal "$stderr" "Warning: kept $icon: it changed since it was exported from container $EXPORT_CONTAINER"
	run cat "$icon"
	assert_output "<svg/>"
	rm "$icon"
	"$TOOLBX" export --delete --bin htop -c "$EXPORT_CONTAINER"
}

@test "export: rm removes what was exported from the container, wherever it went" {
	local name to=$EXPORT_DIR/elsewhere
	name=$(container_name export-rm)
	create_container "$name" >/dev/null
	mkdir -p "$to"
	echo "the user's" >"$to/mine"

	run "$TOOLBX" export --bin /usr/bin/env -c "$name" --to "$to"
	assert_success
	run "$TOOLBX" export --app /usr/share/applications/vim.desktop -c "$EXPORT_CONTAINER"
	assert_success

	run --separate-stderr "$TOOLBX" rm --force "$name"
	assert_success
	assert_output - <<-EOF
		Removed what was exported from container $name:
		  $to/env
	EOF
	[ ! -e "$to/env" ]
	[ -f "$to/mine" ]
	[ -f "$(desktop vim)" ] # the other container's
	[ ! -e "$DATA/toolbox/exports/$name.json" ]
}

@test "export: Bad input is refused, and nothing is written" {
	local other before
	other=$(container_name export-not-toolbx)
	track_container "$other"
	podman create --name "$other" --label com.github.containers.toolbox=false "$TOOLBX_TEST_IMAGE" true >/dev/null
	before=$(find "$EXPORT_DIR" "$DATA/applications" "$DATA/icons" "$DATA/toolbox" 2>/dev/null | sort)

	run -1 --separate-stderr "$TOOLBX" export --app no-such-app -c "$EXPORT_CONTAINER"
	assert_equal "${stderr_lines[0]}" "Error: application no-such-app not found in container $EXPORT_CONTAINER"
	run -1 --separate-stderr "$TOOLBX" export --bin no-such-program -c "$EXPORT_CONTAINER"
	assert_equal "$stderr" "Error: program no-such-program not found in container $EXPORT_CONTAINER"
	run -1 --separate-stderr "$TOOLBX" export --bin sh -c "$other"
	assert_equal "$stderr" "Error: $other is not a Toolbx container"
	run -1 --separate-stderr "$TOOLBX" export --bin sh -c no-such-container-xyz
	assert_equal "${stderr_lines[0]}" "Error: container no-such-container-xyz not found"
	run -1 --separate-stderr "$TOOLBX" export --bin sh -c "$EXPORT_CONTAINER" --to "$EXPORT_DIR/args"
	assert_equal "$stderr" "Error: failed to write $EXPORT_DIR/args: not a directory"
	run -1 --separate-stderr "$TOOLBX" export --bin sh --app vim
	assert_equal "${stderr_lines[0]}" "Error: options --app and --bin cannot be used together"
	assert_equal "${stderr_lines[1]}" "Run 'toolbox --help' for usage."
	run -1 --separate-stderr "$TOOLBX" export
	assert_equal "${stderr_lines[0]}" "Error: one of the options --app, --bin and --list is needed"

	if ! is_root; then
		mkdir "$EXPORT_DIR/locked" && chmod 0555 "$EXPORT_DIR/locked"
		run -1 --separate-stderr "$TOOLBX" export --bin sh -c "$EXPORT_CONTAINER" --to "$EXPORT_DIR/locked"
		assert_equal "$stderr" "Error: failed to write $EXPORT_DIR/locked/sh: permission denied"
		rmdir "$EXPORT_DIR/locked"
	fi
	assert_equal "$(find "$EXPORT_DIR" "$DATA/applications" "$DATA/icons" "$DATA/toolbox" 2>/dev/null | sort)" "$before"
}

@test "export: Completion offers the container's applications and programs, and what was exported" {
	run "$TOOLBX" __complete -- export --app "--container=$EXPORT_CONTAINER"
	assert_success
	assert_line vim
	assert_line htop
	assert_line org.example.TbtestArgs
	run "$TOOLBX" __complete -- export --bin "-c=$EXPORT_CONTAINER"
	assert_line htop
	assert_line vim
	assert_line sh

	"$TOOLBX" export --bin htop -c "$EXPORT_CONTAINER" --to "$EXPORT_DIR/bin" >/dev/null 2>&1
	run "$TOOLBX" __complete -- export --bin "--container=$EXPORT_CONTAINER" --delete
	assert_output /usr/bin/htop

	# bash's script passes the container typed as "-c NAME" on.
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	ln -s "$TOOLBX" "$BATS_TEST_TMPDIR/bin/toolbox"
	"$TOOLBX" completion bash >"$BATS_TEST_TMPDIR/toolbox.bash"
	run env PATH="$BATS_TEST_TMPDIR/bin:$PATH" bash --norc --noprofile -c '. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _toolbox; printf "%s\n" "${COMPREPLY[@]}"' \
		bash "$BATS_TEST_TMPDIR/toolbox.bash" toolbox export -c "$EXPORT_CONTAINER" --delete --bin ""
	assert_output /usr/bin/htop
	"$TOOLBX" export --delete --bin htop -c "$EXPORT_CONTAINER" >/dev/null
}
