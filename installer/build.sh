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
# The launcher gets the JVM options of installer/java-options.txt, SQLite's native library
# unpacked beside the jars (lib/app/native/), and a class-data archive (lib/app/braid.jsa) of
# what the command line loads. The archive names the jars by their absolute paths, so the app
# image gets one made where it is, and the .deb ships the class list and makes its archive when
# it is installed (postinst; removed again by prerm).
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

# SQLite's native library for this platform, loaded from the app folder instead of being unpacked
# into the data folder.
sqlite_jar=$(ls "$work/input/lib"/sqlite-jdbc-*.jar)
case "$(uname -m)" in
  x86_64|amd64) sqlite_arch=x86_64 ;;
  aarch64|arm64) sqlite_arch=aarch64 ;;
  *) sqlite_arch="" ;;
esac
java_options=()
native=org/sqlite/native/Linux/$sqlite_arch/libsqlitejdbc.so
mkdir -p "$work/native"
if [ -n "$sqlite_arch" ] && (cd "$work/native" && jar xf "$sqlite_jar" "$native") && [ -f "$work/native/$native" ]; then
  mkdir -p "$work/input/native"
  mv "$work/native/$native" "$work/input/native/"
  java_options+=(--java-options '-Dorg.sqlite.lib.path=$APPDIR/native' --java-options '-Dorg.sqlite.lib.name=libsqlitejdbc.so')
fi
rm -rf "$work/native"
while IFS= read -r option; do
  java_options+=(--java-options "$option")
done < <(grep -v '^[[:space:]]*#' "$root/installer/java-options.txt" | grep -v '^[[:space:]]*$')
java_options+=(--java-options '-XX:SharedArchiveFile=$APPDIR/braid.jsa')

cp "$root/installer/braid.desktop" "$work/resources/braid.desktop"
cp "$root/icons/braid-256.png" "$work/resources/braid.png"

jpackage --type app-image --name braid --app-version "$version" \
  --vendor "Braid" --description "DevOps and MLOps workbench: repositories, experiments, pipelines, lineage" \
  --input "$work/input" --main-jar braid.jar --main-class dev.braid.app.Main \
  --runtime-image "$work/runtime" --icon "$root/icons/braid-256.png" "${java_options[@]}" \
  --dest "$work/image"

# jpackage's launcher asks rpm and dpkg which package it came from at every start (about 0.2 s of
# CPU, more on a busy machine): Braid's bin/braid is this script instead, which starts the same
# runtime with the same options and class path (the class path as braid.cfg lists it, which the
# class-data archive names).
launcher=$work/image/braid/bin/braid
{
  echo '#!/bin/sh'
  echo '# Starts Braid, window or command line, on its own Java runtime (written by installer/build.sh).'
  echo 'bin=$(dirname "$(readlink -f "$0")")'
  echo 'app=${bin%/bin}/lib/app'
  printf 'exec "${bin%%/bin}/lib/runtime/bin/java"'
  while IFS= read -r option; do
    printf " '%s'" "$option"
  done < <(grep -v '^[[:space:]]*#' "$root/installer/java-options.txt" | grep -v '^[[:space:]]*$')
  if [ -f "$work/image/braid/lib/app/native/libsqlitejdbc.so" ]; then
    printf ' -Dorg.sqlite.lib.path="$app/native" -Dorg.sqlite.lib.name=libsqlitejdbc.so'
  fi
  printf ' -XX:SharedArchiveFile="$app/braid.jsa" \\\n  -cp "%s" \\\n  dev.braid.app.Main "$@"\n' \
    "$(sed -n 's/^app.classpath=//p' "$work/image/braid/lib/app/braid.cfg" | sed 's|\$APPDIR|$app|' | paste -sd: -)"
} > "$launcher"
chmod 0755 "$launcher"

# The class list: what the command line loads while it makes and reads the demo workspace
# (dev.braid.app.ClassDataTraining), run on the image's own runtime.
app=$(readlink -f "$work/image/braid/lib/app")  # as the launcher resolves it
image_java=$work/image/braid/lib/runtime/bin/java
class_path() { # the launcher's class path for an app folder, as braid.cfg lists it
  sed -n 's/^app.classpath=//p' "$app/braid.cfg" | sed "s|\$APPDIR|$1|" | paste -sd: -
}
"$image_java" -XX:DumpLoadedClassList="$app/braid.classlist" -cp "$(class_path "$app")" \
  dev.braid.app.ClassDataTraining "$work/class-data-training" > /dev/null
"$image_java" -cp "$(class_path "$app")" dev.braid.app.ClassDataTraining --drop-unarchivable "$app/braid.classlist"
"$image_java" -Xshare:dump -XX:SharedClassListFile="$app/braid.classlist" -XX:SharedArchiveFile="$app/braid.jsa" \
  -cp "$(class_path "$app")" > "$work/class-data.log" 2>&1
echo "build.sh: app image: $work/image/braid (run $work/image/braid/bin/braid)"

# Adds to the package's maintainer scripts: make the class-data archive for where the files now
# are (postinst), remove it before they go (prerm). A failure only leaves Braid without it.
add_class_data_scripts() {
  local deb=$1 unpacked=$work/deb-unpacked app=/opt/braid/lib/app cp script
  rm -rf "$unpacked"
  dpkg-deb -R "$deb" "$unpacked"
  cp=$(sed -n 's/^app.classpath=//p' "$unpacked$app/braid.cfg" | sed "s|\$APPDIR|$app|" | paste -sd: -)
  {
    echo 'if [ "$1" = configure ]; then'
    echo "  /opt/braid/lib/runtime/bin/java -Xshare:dump -XX:SharedClassListFile=$app/braid.classlist \\"
    echo "    -XX:SharedArchiveFile=$app/braid.jsa -cp $cp > /dev/null 2>&1 || true"
    echo 'fi'
  } > "$work/postinst.add"
  echo "rm -f $app/braid.jsa" > "$work/prerm.add"
  for script in postinst prerm; do
    if [ ! -f "$unpacked/DEBIAN/$script" ]; then
      printf '#!/bin/sh\nset -e\nexit 0\n' > "$unpacked/DEBIAN/$script"
    fi
    # Before the script's last 'exit 0' (or at its end).
    awk -v add="$work/$script.add" '
      { lines[NR] = $0 } /^exit 0/ { last = NR }
      END {
        for (i = 1; i <= NR; i++) {
          if (i == last) { while ((getline l < add) > 0) print l }
          print lines[i]
        }
        if (!last) { while ((getline l < add) > 0) print l }
      }' "$unpacked/DEBIAN/$script" > "$work/$script.new"
    mv "$work/$script.new" "$unpacked/DEBIAN/$script"
    chmod 0755 "$unpacked/DEBIAN/$script"
    rm -f "$work/$script.add"
  done
  fakeroot dpkg-deb -b "$unpacked" "$deb" > /dev/null
  rm -rf "$unpacked"
}

if $make_deb; then
  if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
    # The image's archive names the image's own paths; the package makes its own when installed.
    mv "$app/braid.jsa" "$work/braid-image.jsa"
    jpackage --type deb --name braid --app-version "$version" --app-image "$work/image/braid" \
      --vendor "Braid" --description "DevOps and MLOps workbench: repositories, experiments, pipelines, lineage" \
      --license-file "$root/LICENSE" --resource-dir "$work/resources" --icon "$root/icons/braid-256.png" \
      --linux-shortcut --linux-menu-group "Development" --linux-app-category devel \
      --linux-deb-maintainer "braid@braid.dev" \
      --dest "$work"
    mv "$work/braid-image.jsa" "$app/braid.jsa"
    deb=$(ls "$work"/*.deb)
    add_class_data_scripts "$deb"
    echo "build.sh: package: $deb"
  else
    echo "build.sh: dpkg-deb or fakeroot is missing; skipped the .deb" >&2
  fi
fi
