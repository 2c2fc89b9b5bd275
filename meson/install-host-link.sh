#!/bin/sh
# Usage: install-host-link.sh TMPFILES_CONF
#
# A meson install script. The toolbox binary cannot start without
# /run/host -> ../ (see data/tmpfiles.d/toolbox.conf), which the installed
# rule creates only at the next boot, so this creates it right away:
# through systemd-tmpfiles where it exists, else as a plain link. When
# staging into a DESTDIR it changes nothing. Whatever is already at
# /run/host stays: a directory, a file or another link is reported, never
# replaced.
#
# meson shows a script's output only when it fails, so every problem is an
# exit status of 1, after all files have been installed.

set -eu

conf=$1
link=/run/host
# systemd-tmpfiles looks a relative name up in its own directories
# (/etc/tmpfiles.d, ...), not in the current one.
case $conf in
/*) ;;
*) conf=$PWD/$conf ;;
esac

if [ -n "${DESTDIR:-}" ] ||
    [ "${MESON_INSTALL_DESTDIR_PREFIX:-}" != "${MESON_INSTALL_PREFIX:-}" ]; then
    echo "Staging into DESTDIR: not creating $link (the tmpfiles.d rule does at boot)"
    exit 0
fi

fail() {
    printf '%s\n' "$@" "toolbox cannot run until $link is a link to /." >&2
    exit 1
}

if [ "$(readlink -f "$link")" = / ]; then
    exit 0
fi
if [ -e /run/.containerenv ] && [ -d "$link" ] && ! [ -L "$link" ]; then
    # Inside a container, /run/host is where the host's / is mounted.
    exit 0
fi
if [ -e "$link" ] || [ -L "$link" ]; then
    fail "$link exists and does not lead to /; it was left alone." \
        "Move it away, then run as root: systemd-tmpfiles --create $conf"
fi

if command -v systemd-tmpfiles >/dev/null 2>&1; then
    systemd-tmpfiles --create "$conf" || true
fi
if ! [ -e "$link" ] && ! [ -L "$link" ]; then
    ln -s ../ "$link" || true
fi

if [ "$(readlink -f "$link")" != / ]; then
    fail "Could not create $link." \
        "As root, run: systemd-tmpfiles --create $conf (or: ln -s ../ $link)"
fi
