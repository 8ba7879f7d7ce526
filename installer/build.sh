#!/usr/bin/env bash
# Builds Braid's Linux app image, and a .deb package when dpkg-deb and fakeroot are installed.
#
#   installer/build.sh [--skip-build] [--no-deb]
#
#   --skip-build  use the braid.jar and lib/ already in the build folder instead of running
#                 './mvnw package' first
#   --no-deb      make the app image only
#
# Environment: BRAID_BUILD_DIR, the Maven build folder (default: target; the same value as
# -Dbraid.build.dir). Results go to $BRAID_BUILD_DIR/installer/:
#   image/braid/bin/braid   the app image's launcher (window and command line alike)
#   braid_<version>_<arch>.deb
#
# How: jlink makes a trimmed Java runtime from the JDK modules the jars need (found with jdeps,
# plus a fixed base list), then jpackage wraps the runtime, braid.jar and its libraries. Braid
# runs from the class path (jlink rejects automatic modules such as JGit), so JavaFX comes in as
# its '-linux' classifier jars; the plain JavaFX jars are empty and left out.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BRAID_BUILD_DIR:-$root/target}
case "$build_dir" in /*) ;; *) build_dir=$root/$build_dir ;; esac
skip_build=false
make_deb=true
for arg in "$@"; do
  case "$arg" in
    --skip-build) skip_build=true ;;
    --no-deb) make_deb=false ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

# Modules every image gets, also those only reached by reflection or service loading, which
# jdeps cannot see: HTTP server and client, SQL, EC crypto for TLS and SSH, Unsafe for JavaFX.
base_modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml
base_modules=$base_modules,java.security.jgss,jdk.crypto.ec,jdk.httpserver,jdk.unsupported,jdk.charsets

if ! $skip_build; then
  (cd "$root" && ./mvnw -B -q -DskipTests -Dbraid.build.dir="$build_dir" package)
fi
jar=$build_dir/braid.jar
[ -f "$jar" ] || { echo "build.sh: $jar is missing; run without --skip-build" >&2; exit 1; }
version=$(java -jar "$jar" --version | awk '{print $2}')
case "$version" in [0-9]*) ;; *) echo "build.sh: cannot read the version from $jar" >&2; exit 1 ;; esac

work=$build_dir/installer
rm -rf "$work"
mkdir -p "$work/input/lib" "$work/resources" "$work/image"
cp "$jar" "$work/input/"
for lib in "$build_dir"/lib/*.jar; do
  name=$(basename "$lib")
  case "$name" in
    javafx-*-linux.jar) cp "$lib" "$work/input/lib/" ;;
    javafx-*) ;;
    *) cp "$lib" "$work/input/lib/" ;;
  esac
done

found_modules=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps \
  --class-path "$work/input/lib/*" "$work/input/braid.jar" "$work/input"/lib/*.jar 2>/dev/null | tail -n 1 || true)
case "$found_modules" in java.*|jdk.*) modules=$base_modules,$found_modules ;; *) modules=$base_modules ;; esac
modules=$(echo "$modules" | tr ',' '\n' | sort -u | paste -sd, -)
echo "build.sh: runtime modules: $modules"

jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$work/runtime"

cp "$root/installer/braid.desktop" "$work/resources/braid.desktop"
cp "$root/icons/braid-256.png" "$work/resources/braid.png"

jpackage --type app-image --name braid --app-version "$version" \
  --vendor "Braid" --description "DevOps and MLOps workbench: repositories, experiments, pipelines, lineage" \
  --input "$work/input" --main-jar braid.jar --main-class dev.braid.app.Main \
  --runtime-image "$work/runtime" --icon "$root/icons/braid-256.png" \
  --java-options "-XX:+ExitOnOutOfMemoryError" \
  --dest "$work/image"
echo "build.sh: app image: $work/image/braid (run $work/image/braid/bin/braid)"

if $make_deb; then
  if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
    jpackage --type deb --name braid --app-version "$version" --app-image "$work/image/braid" \
      --vendor "Braid" --description "DevOps and MLOps workbench: repositories, experiments, pipelines, lineage" \
      --license-file "$root/LICENSE" --resource-dir "$work/resources" --icon "$root/icons/braid-256.png" \
      --linux-shortcut --linux-menu-group "Development" --linux-app-category devel \
      --linux-deb-maintainer "braid@braid.dev" \
      --dest "$work"
    echo "build.sh: package: $(ls "$work"/*.deb)"
  else
    echo "build.sh: dpkg-deb or fakeroot is missing; skipped the .deb" >&2
  fi
fi
