# shellcheck shell=sh
#
# Toolbx's shell set-up, read by interactive bash and zsh sessions. On the
# host it only greets users of Fedora's image-based desktops once. Inside a
# Toolbx container it marks the prompt with a magenta ⬢ and greets the user
# once. `toolbox create` mounts this file at /etc/profile.d/toolbox.sh in
# new containers.
#
# Every variable it uses starts with __toolbx_ and is unset at the end.

# Only bash and zsh, and only interactive ones.
if { [ -n "${BASH_VERSION:-}" ] || [ -n "${ZSH_VERSION:-}" ]; } && [ -n "${PS1:-}" ]; then
	case $- in
	*i*) __toolbx_interactive=1 ;;
	esac
fi

if [ -n "${__toolbx_interactive:-}" ]; then
	__toolbx_config=${XDG_CONFIG_HOME:-$HOME/.config}/toolbox
	__toolbx_os_release=/etc/os-release
	[ -f "$__toolbx_os_release" ] || __toolbx_os_release=/usr/lib/os-release
	# In a subshell, so that os-release's variables stay out of the session.
	__toolbx_os=$(
		# shellcheck disable=SC1090
		[ -f "$__toolbx_os_release" ] && . "$__toolbx_os_release" >/dev/null 2>&1
		echo "${ID:-linux}:${VARIANT_ID:-}:${PRETTY_NAME:-Linux}"
	)
	__toolbx_id=${__toolbx_os%%:*}
	__toolbx_os=${__toolbx_os#*:}
	__toolbx_variant=${__toolbx_os%%:*}
	__toolbx_pretty=${__toolbx_os#*:}
	__toolbx_docs='https://docs.fedoraproject.org/en-US/fedora-silverblue/toolbox/'

	if [ -f /run/.containerenv ] && { [ -f /run/.toolbxenv ] || [ -f /run/.toolboxenv ]; }; then
		if [ -n "${BASH_VERSION:-}" ]; then
			PS1='\[\033[35m\]⬢\[\033[0m\][\u@\h \W]\$ '
		else
			PS1='%F{magenta}⬢%f[%n@%m %1~]%# '
		fi

		if ! [ -f "$__toolbx_config/toolbox-welcome-shown" ]; then
			echo ""
			echo "Welcome to the Toolbx; a container where you can install and run"
			echo "all your tools."
			echo ""
			if [ "$__toolbx_id" = fedora ]; then
				echo " - Use DNF in the usual manner to install command line tools."
			fi
			echo " - To create a new tools container, run 'toolbox create'."
			if [ "$__toolbx_id" = fedora ]; then
				echo ""
				echo "For more information, see the documentation: $__toolbx_docs"
			fi
			echo ""
			mkdir -p "$__toolbx_config" && touch "$__toolbx_config/toolbox-welcome-shown"
		fi

		# VTE tracks the working directory through PROMPT_COMMAND; the
		# container may lack the vte.sh that sets it.
		if [ -n "${BASH_VERSION:-}" ] && ! [ -f /etc/profile.d/vte.sh ] && [ -z "${PROMPT_COMMAND:-}" ] &&
			[ "${VTE_VERSION:-0}" -ge 3405 ] 2>/dev/null; then
			case ${TERM:-} in
			xterm* | vte*) PROMPT_COMMAND=' ' ;;
			esac
		fi

		# A terminal the container's terminfo does not know garbles the screen.
		if [ -n "${TERM:-}" ]; then
			__toolbx_entry=$(printf %.1s "$TERM")/$TERM
			if [ -n "${TERMINFO:-}" ]; then
				[ -e "$TERMINFO/$__toolbx_entry" ] || echo "Error: terminfo entry not found for $TERM" >&2
			elif ! [ -e "/usr/share/terminfo/$__toolbx_entry" ] && ! [ -e "/lib/terminfo/$__toolbx_entry" ] &&
				! [ -e "$HOME/.terminfo/$__toolbx_entry" ]; then
				echo "Error: terminfo entry not found for $TERM" >&2
			fi
		fi
	elif ! [ -f /run/.containerenv ] && [ -f /run/ostree-booted ] && [ "$__toolbx_id" = fedora ] &&
		! [ -f "$__toolbx_config/host-welcome-shown" ]; then
		# Fedora's image-based desktops, where packages go in containers.
		case $__toolbx_variant in
		workstation | silverblue | kinoite | sericea)
			echo ""
			echo "Welcome to $__toolbx_pretty."
			echo ""
			echo "This terminal is running on the host system. You may want to try"
			echo "out the Toolbx for a directly mutable environment that allows"
			echo "package installation with DNF."
			echo ""
			echo "For more information, see the documentation: $__toolbx_docs"
			echo ""
			mkdir -p "$__toolbx_config" && touch "$__toolbx_config/host-welcome-shown"
			;;
		esac
	fi
fi

unset __toolbx_interactive __toolbx_config __toolbx_os_release __toolbx_os __toolbx_id \
	__toolbx_variant __toolbx_pretty __toolbx_docs __toolbx_entry
