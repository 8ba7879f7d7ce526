#!/bin/sh
# Takes the pictures in this folder again: every view of Braid at 1440x900, light and dark, on the
# demo workspace and on an empty data folder. They are drawn headless (the same renderer the view
# tests use), so no display is needed. Takes a few minutes.
set -e
cd "$(dirname "$0")/../.."
exec ./mvnw -q test -Dtest=ScreenshotTour -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbraid.screenshots="$PWD/docs/screenshots" "$@"
