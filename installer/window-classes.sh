#!/usr/bin/env bash
# Writes src/main/resources/dev/braid/app/window-classes.txt: the classes Braid's window loads
# while it opens on the demo workspace and shows each screen once. dev.braid.app.ClassDataTraining
# loads them, so that the class-data archive the build makes holds the window's classes as well
# (JavaFX's among them); the build machine needs no display for that, this script does (Xvfb).
# A stale list only leaves new classes out of the archive: run it again after larger UI changes.
#
#   installer/window-classes.sh [BUILD_DIR]      (default: target; needs braid.jar built there)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/target}
out=$root/src/main/resources/dev/braid/app/window-classes.txt
for tool in xvfb-run xdotool; do
  command -v "$tool" > /dev/null || { echo "window-classes.sh: $tool is missing" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t options < <(grep -v '^[[:space:]]*#' "$root/installer/java-options.txt" | grep -v '^[[:space:]]*$')

java "${options[@]}" -jar "$build/braid.jar" --data-dir "$work/data" demo --into "$work/demo" > /dev/null
# The window on a virtual screen; its process id is written where this script can stop it.
xvfb-run -a -s "-screen 0 1440x900x24" sh -c '
  java "$@" & echo $! > "'"$work"'/pid"
  sleep 25
  for screen in 1 2 3 4 5 6 7 1; do xdotool key "ctrl+$screen"; sleep 4; done
  kill "$(cat "'"$work"'/pid")"; wait' sh \
  "${options[@]}" -XX:DumpLoadedClassList="$work/window.classlist" -jar "$build/braid.jar" --data-dir "$work/data" \
  > "$work/window.log" 2>&1 || true

{
  echo "# Classes Braid's window loads (installer/window-classes.sh writes this; ClassDataTraining reads it)."
  grep -v '^[#@]' "$work/window.classlist" | awk '{ print $1 }' | sort -u
} > "$out"
echo "window-classes.sh: $(grep -vc '^#' "$out") classes in $out"
