# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=runtime-environment

load 'libs/helpers'

# The script as shipped, and where a container sees it.
PROFILE=$TBTEST_ROOT/profile.d/toolbox.sh

setup() {
	cd "$HOME" || return 1
	export XDG_CONFIG_HOME=$BATS_TEST_TMPDIR/config
}

teardown() {
	cleanup_containers
}

# The prompt the script sets in bash inside a Toolbx container.
BASH_PROMPT='\[\033[35m\]⬢\[\033[0m\][\u@\h \W]\$ '

@test "profile: On the host, an interactive bash is left as it is" {
	run --separate-stderr bash --norc --noprofile -i -c '
		PS1="host> "
		before= after=
		before=$(compgen -v | grep -v "^_$" | sort)
		. "$1"
		after=$(compgen -v | grep -v "^_$" | sort)
		[ "$before" = "$after" ] || diff <(echo "$before") <(echo "$after")
		echo "PS1=$PS1"' bash "$PROFILE"

	assert_success
	assert_output "PS1=host> "
	assert [ ! -e "$XDG_CONFIG_HOME/toolbox" ]
}

@test "profile: On the host, an interactive zsh is left as it is" {
	command -v zsh >/dev/null || skip "no zsh"
	run --separate-stderr zsh -f -i -c '
		PS1="host> "
		zmodload zsh/parameter
		before= after= p=
		before=${(oj: :)${(k)parameters}}
		. "$1"
		after=${(oj: :)${(k)parameters}}
		for p in ${=after}; do
			[[ " $before " == *" $p "* ]] || print -r -- "new: $p"
		done
		print -r -- "PS1=$PS1"' zsh "$PROFILE"

	assert_success
	assert_output "PS1=host> "
	assert [ ! -e "$XDG_CONFIG_HOME/toolbox" ]
}

@test "profile: A non-interactive shell is left as it is, even in a container" {
	local name
	name=$(container_name profile-batch)
	create_container "$name" >/dev/null

	run --separate-stderr "$TOOLBX" run -c "$name" bash --norc -c \
		'PS1="batch> "; . "$1"; echo "PS1=$PS1"' bash "/run/host$PROFILE"

	assert_success
	assert_output "PS1=batch> "
	assert [ ! -e "$XDG_CONFIG_HOME/toolbox" ]
}

@test "profile: In a container, an interactive bash gets the ⬢ prompt and a welcome once" {
	local name
	name=$(container_name profile)
	create_container "$name" >/dev/null

	run --keep-empty-lines --separate-stderr "$TOOLBX" run -c "$name" \
		bash --rcfile "/run/host$PROFILE" -i -c 'echo "PS1=$PS1"'
	assert_success
	assert_line --index 0 ""
	assert_line --index 1 "Welcome to the Toolbx; a container where you can install and run"
	assert_line "PS1=$BASH_PROMPT"
	assert [ -f "$XDG_CONFIG_HOME/toolbox/toolbox-welcome-shown" ]

	run --separate-stderr "$TOOLBX" run -c "$name" \
		bash --rcfile "/run/host$PROFILE" -i -c 'echo "PS1=$PS1"'
	assert_success
	assert_output "PS1=$BASH_PROMPT"
}
