#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# From ../shared/TESTING-GUI.md §2b (proven on Debian 12).
# run-gui.sh CMD [ARGS...]
# Runs CMD inside: throwaway HOME/XDG dirs -> Xvfb (free display via -displayfd)
# -> private D-Bus session bus (dbus-run-session) -> unlocked gnome-keyring
# (secrets component) -> AT-SPI bus (auto-activated by D-Bus on first use).
# Options via env: GUI_NO_KEYRING=1 (no keyring daemon: test degraded mode),
#                  GUI_SCREEN=1280x800x24
set -eu

if [ "${GUI_STAGE:-}" != inner ]; then
  for tool in Xvfb dbus-run-session gnome-keyring-daemon gdbus; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
  done
  TMPH=$(mktemp -d "${TMPDIR:-/tmp}/guitest.XXXXXX")
  XPID=
  cleanup() {
    [ -n "$XPID" ] && kill "$XPID" 2>/dev/null && wait "$XPID" 2>/dev/null
    # xdg-desktop-portal starts the document portal on the session bus, which
    # FUSE-mounts $XDG_RUNTIME_DIR/doc: unmount it (lazily) or rm cannot remove it.
    if [ -d "$TMPH/run/doc" ]; then
      fusermount3 -uz "$TMPH/run/doc" 2>/dev/null || fusermount -uz "$TMPH/run/doc" 2>/dev/null || true
    fi
    rm -rf "$TMPH" 2>/dev/null || rm -rf "$TMPH"
  }
  trap cleanup EXIT INT TERM
  export HOME="$TMPH/home" XDG_RUNTIME_DIR="$TMPH/run" XDG_CONFIG_HOME="$TMPH/home/.config" \
         XDG_DATA_HOME="$TMPH/home/.local/share" XDG_CACHE_HOME="$TMPH/home/.cache"
  mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
  mkdir -m 700 "$XDG_RUNTIME_DIR"
  # Xvfb picks a free display itself and writes its number to fd 3: no xvfb-run -a race.
  Xvfb -displayfd 3 -screen 0 "${GUI_SCREEN:-1280x800x24}" -nolisten tcp -noreset \
       3>"$TMPH/display" 2>"$TMPH/xvfb.log" &
  XPID=$!
  i=0; while [ ! -s "$TMPH/display" ]; do
    i=$((i+1)); [ $i -gt 100 ] && { echo "Xvfb did not start" >&2; cat "$TMPH/xvfb.log" >&2; exit 99; }
    sleep 0.05; done
  export DISPLAY=":$(cat "$TMPH/display")"
  unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS SESSION_MANAGER GNOME_KEYRING_CONTROL
  export GDK_BACKEND=x11 GSK_RENDERER="${GSK_RENDERER:-cairo}" \
         GIO_USE_VFS=local GSETTINGS_BACKEND=memory LANG=C.UTF-8 GUI_STAGE=inner
  busconf=
  if [ -n "${GUI_NO_KEYRING:-}" ]; then
    # A session bus that can only activate the AT-SPI bus: no org.freedesktop.secrets
    mkdir "$TMPH/services"
    ln -s /usr/share/dbus-1/services/org.a11y.Bus.service "$TMPH/services/"
    cat > "$TMPH/session.conf" <<CONF
<busconfig><type>session</type><keep_umask/><listen>unix:tmpdir=/tmp</listen>
<auth>EXTERNAL</auth><servicedir>$TMPH/services</servicedir>
<policy context="default"><allow send_destination="*" eavesdrop="true"/>
<allow eavesdrop="true"/><allow own="*"/></policy></busconfig>
CONF
    busconf="--config-file=$TMPH/session.conf"
  fi
  rc=0
  dbus-run-session $busconf -- "$0" "$@" || rc=$?
  exit $rc
fi

# ---- inner stage: on the private session bus ----
if [ -z "${GUI_NO_KEYRING:-}" ]; then
  # creates (first time) and unlocks the "login" keyring with this password
  # (stored encrypted in $HOME/.local/share/keyrings/login.keyring)
  printf '%s' "test-password" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
  # --daemonize returns before the daemon owns its bus name; a client that
  # comes too early makes D-Bus activate a second daemon. Wait for the name.
  i=0; until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true; do
    i=$((i+1)); [ $i -gt 100 ] && { echo "gnome-keyring-daemon did not start" >&2; exit 99; }
    sleep 0.05; done
fi
exec "$@"
