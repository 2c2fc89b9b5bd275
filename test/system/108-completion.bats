# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=commands-options

load 'libs/helpers'

setup_file() {
	local dir=$BATS_FILE_TMPDIR
	# The scripts call back `toolbox`, as the user typed it: make that the
	# binary under test.
	mkdir -p "$dir/bin" "$dir/zsh"
	ln -s "$TOOLBX" "$dir/bin/toolbox"
	"$TOOLBX" completion bash >"$dir/toolbox.bash"
	"$TOOLBX" completion fish >"$dir/toolbox.fish"
	"$TOOLBX" completion zsh >"$dir/zsh/_toolbox"
	write_zsh_driver >"$dir/complete.zsh"

	CTR=$(container_name completion)
	export CTR
	create_container "$CTR" >/dev/null
}

teardown_file() {
	cleanup_containers
}

setup() {
	cd "$HOME" || return 1
	PATH=$BATS_FILE_TMPDIR/bin:$PATH
}

# bash_complete WORD...: what bash offers for the words, the last one being
# at the cursor; one a line. With BASH_COMPLETION set, bash-completion is
# loaded first, as in a user's session.
bash_complete() {
	bash --norc --noprofile -c '
		[ -z "$BASH_COMPLETION" ] || . "$BASH_COMPLETION"
		. "$1"
		shift
		fn=$(complete -p toolbox | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		"$fn" toolbox "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' bash "$BATS_FILE_TMPDIR/toolbox.bash" "$@"
}

# fish_complete LINE: what fish offers at the end of LINE, without the
# descriptions.
fish_complete() {
	fish --no-config -c 'source $argv[1]; complete -C $argv[2]' \
		"$BATS_FILE_TMPDIR/toolbox.fish" "$1" | cut -f1
}

# zsh_complete LINE: what zsh's completion system offers at the end of LINE,
# in a zsh on a pseudo-terminal.
zsh_complete() {
	timeout 60 zsh -f "$BATS_FILE_TMPDIR/complete.zsh" "$BATS_FILE_TMPDIR/zsh" "$1"
}

# write_zsh_driver: a zsh script that starts an interactive zsh on a
# pseudo-terminal (zpty), runs compinit with the directory $1 first on
# fpath, types $2 and a Tab, and prints the matches the completion
# functions add, one a line. compadd is wrapped to print them; the markers
# are split in the typed text so that its echo never matches.
write_zsh_driver() {
	cat <<-'EOF'
		zmodload zsh/zpty || exit 2
		zpty z zsh -f -i
		zpty -w z "fpath=(${(q)1} \$fpath); PS1=''; PROMPT=''; RPROMPT=''"
		zpty -w z 'autoload -Uz compinit && compinit -u -D'
		zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a m; builtin compadd -A m "$@"; print -rl -- "${(@)m/#/<<""M>>}"; builtin compadd "$@"; }'
		zpty -w z '__zc_done() { print -r -- "<<""END>>"; }; comppostfuncs=(__zc_done)'
		zpty -w z "zstyle ':completion:*' insert-tab false; bindkey '^I' complete-word"
		zpty -w z 'print -r -- "<<""READY>>"'
		out=
		while zpty -r z chunk; do
			out+=$chunk
			[[ $out == *'<<READY>>'* ]] && break
		done
		zpty -n -w z "$2"$'\t'
		out=
		while zpty -r z chunk; do
			out+=$chunk
			[[ $out == *'<<END>>'* ]] && break
		done
		zpty -d z
		print -r -- "$out" | tr -d '\r' | sed -n 's/^.*<<M>>//p' | sort -u
	EOF
}

# refute_offered ARGS...: refute_line, also when nothing at all was
# offered (bats-assert then has no lines to look at).
refute_offered() {
	[ -z "$output" ] || refute_line "$@"
}

@test "completion: Generate the scripts for bash, fish and zsh" {
	for shell in bash fish zsh; do
		run --separate-stderr "$TOOLBX" completion "$shell"
		assert_success
		assert [ -n "$output" ]
		assert_equal "$stderr" ""
	done
}

@test "completion: Try without a shell, with two and with unsupported ones" {
	run -1 --separate-stderr "$TOOLBX" completion
	assert_output ""
	assert_equal "$stderr" "Error: accepts 1 arg(s), received 0
Run 'toolbox --help' for usage."

	run -1 --separate-stderr "$TOOLBX" completion bash zsh
	assert_equal "$stderr" "Error: accepts 1 arg(s), received 2
Run 'toolbox --help' for usage."

	for shell in foo powershell; do
		run -1 --separate-stderr "$TOOLBX" completion "$shell"
		assert_output ""
		assert_equal "$stderr" "Error: invalid argument \"$shell\" for \"toolbox completion\"
Run 'toolbox --help' for usage."
	done

	run -1 --separate-stderr "$TOOLBX" completion --foo
	assert_equal "$stderr" "Error: unknown flag: --foo
Run 'toolbox --help' for usage."
}

@test "completion: bash offers containers to rm, enter and run -c, once each" {
	run bash_complete toolbox rm ''
	assert_success
	assert_line "$CTR"

	run bash_complete toolbox rm "$CTR" ''
	assert_success
	refute_offered "$CTR"

	run bash_complete toolbox enter "${CTR%?}"
	assert_line "$CTR"

	run bash_complete toolbox enter -c ''
	assert_line "$CTR"

	run bash_complete toolbox --verbose run -c ''
	assert_line "$CTR"

	run bash_complete toolbox run --container="${CTR%?}"
	assert_line "$CTR"
}

@test "completion: bash offers commands, flags and fixed values" {
	run bash_complete toolbox ''
	assert_success
	for cmd in create enter help list rm rmi run stop; do
		assert_line "$cmd"
	done
	refute_offered init-container
	refute_offered completion
	refute_offered --partial __

	run bash_complete toolbox help ''
	assert_line init-container
	assert_line create
	refute_offered --partial __

	run bash_complete toolbox create -
	assert_line -- --image
	assert_line -- -i
	refute_offered -- --container

	run bash_complete toolbox --log-level ''
	assert_output "$(printf '%s\n' trace debug info warn error fatal panic)"

	run bash_complete toolbox create --distro ''
	assert_line debian
	assert_line fedora
}

@test "completion: bash offers images to rmi and create -i" {
	local image=$TOOLBX_TEST_IMAGE

	run bash_complete toolbox rmi ''
	assert_line "$image"

	run bash_complete toolbox rmi "$image" ''
	refute_offered "$image"

	run bash_complete toolbox create -i "${image%%:*}"
	assert_line "$image"

	# bash-completion splits the word at ':' for readline; what is offered
	# is what follows the ':'.
	local bc=/usr/share/bash-completion/bash_completion
	[ -f "$bc" ] || skip "no bash-completion"
	BASH_COMPLETION=$bc run bash_complete toolbox create --image "${image%:*}:"
	assert_line "${image##*:}"
}

@test "completion: bash completes the command of run, never toolbox's flags" {
	run bash_complete toolbox run -c "$CTR" ''
	assert_line ls
	refute_offered -- --container
	refute_offered --partial "$CTR"

	run bash_complete toolbox run l
	assert_line ls

	# The command's arguments complete as file names.
	run bash_complete toolbox run ls -
	assert_success
	assert_output ""
}

@test "completion: fish offers containers to rm, enter and run -c" {
	command -v fish >/dev/null || skip "no fish"

	run fish_complete "toolbox rm "
	assert_success
	assert_line "$CTR"

	run fish_complete "toolbox rm $CTR "
	refute_offered "$CTR"

	run fish_complete "toolbox enter -c "
	assert_line "$CTR"

	run fish_complete "toolbox run -c "
	assert_line "$CTR"

	run fish_complete "toolbox "
	assert_line create
	refute_offered init-container
	refute_offered completion

	run fish_complete "toolbox rmi "
	assert_line "$TOOLBX_TEST_IMAGE"
}

@test "completion: zsh offers containers to rm, enter and run -c" {
	command -v zsh >/dev/null || skip "no zsh"

	run zsh_complete "toolbox rm "
	assert_success
	assert_line "$CTR"

	run zsh_complete "toolbox rm $CTR "
	assert_success
	refute_offered "$CTR"

	run zsh_complete "toolbox enter -c "
	assert_line "$CTR"

	run zsh_complete "toolbox run --container "
	assert_line "$CTR"

	run zsh_complete "toolbox "
	assert_line create
	assert_line rmi
	refute_offered init-container
	refute_offered completion

	run zsh_complete "toolbox --log-level "
	assert_line debug
}

@test "completion: no images after --distro and no distros after --image, in bash, fish and zsh" {
	local image=$TOOLBX_TEST_IMAGE

	run bash_complete toolbox create --distro fedora --image ''
	assert_success
	assert_output ""
	run bash_complete toolbox create -d fedora -i ''
	assert_output ""
	run bash_complete toolbox create -i "$image" --distro ''
	assert_output ""
	# Other flags do not hide them.
	run bash_complete toolbox create -y --release 12 --image ''
	assert_line "$image"

	if command -v fish >/dev/null; then
		run fish_complete "toolbox create --distro fedora --image "
		assert_success
		refute_offered "$image"
		run fish_complete "toolbox create --image $image --distro "
		refute_offered fedora
		run fish_complete "toolbox create --distro "
		assert_line fedora
	fi

	if command -v zsh >/dev/null; then
		run zsh_complete "toolbox create --distro fedora --image "
		assert_success
		refute_offered "$image"
		run zsh_complete "toolbox create --image $image --distro "
		refute_offered fedora
		run zsh_complete "toolbox create --distro "
		assert_line fedora
	fi
}
