#!/usr/bin/env bash
# The whole-process part of bench/run.sh (which builds Braid and compiles the benchmark first):
# Braid's commands started as a user starts them, each next to its reference in the same run
# (bench/process/process.py). Usage: run-process.sh ROOT BUILD_DIR CLASSPATH
# Environment:
#   BENCH_PROCESS_PARTS   parts to run (default index,startup,log,import,lineage,big-import)
#   BENCH_ROUNDS          rounds of each short command (default 7), BENCH_HEAVY_ROUNDS of the long ones (3)
#   BENCH_BIG_EVENTS      OpenLineage events in the big import file (default 380000, about 1 GB)
#   BENCH_IMAGE=1         also time the app image's launcher (built by installer/build.sh --no-deb)
#   BENCH_BASELINE=REV    part window: also time the window of Braid at git revision REV (built once
#                         into bench/work/baseline-REV), the figure the first paint is compared with
set -euo pipefail

root="$1"
build="$2"
classpath="$3"
shift 3
bench="$root/bench"
work="$bench/work"
run="$work/run-process${BENCH_PROCESS_SUFFIX:-}"
events="$work/openlineage-${BENCH_LINEAGE_EVENTS:-100000}.jsonl"
big_count="${BENCH_BIG_EVENTS:-380000}"
big="$work/openlineage-$big_count.jsonl"
parts="${BENCH_PROCESS_PARTS:-index,startup,log,window,import,lineage,big-import}"

# Braid as the documented 'java -jar' line starts it: the launchers' JVM options and the class-data
# archive made when the jar was packaged.
mapfile -t options < <(grep -v '^\s*#' "$root/installer/java-options.txt" | grep -v '^\s*$')
braid=(java "${options[@]}")
if [[ -f "$build/braid.jsa" ]]; then
  braid+=("-XX:SharedArchiveFile=$build/braid.jsa")
else
  echo "run-process.sh: no class-data archive in $build (braid.jsa); timing without it" >&2
fi
braid+=(-jar "$build/braid.jar")

if [[ ",$parts," == *,import,* || ",$parts," == *,lineage,* ]] && [[ ! -f "$events" ]]; then
  echo "== generating ${BENCH_LINEAGE_EVENTS:-100000} OpenLineage events in $events (once; reused afterwards)"
  java -cp "$classpath" dev.braid.bench.LineageEventsGenerator "$events.tmp" "${BENCH_LINEAGE_EVENTS:-100000}" 100 10
  mv "$events.tmp" "$events"
fi
if [[ ",$parts," == *,big-import,* && ! -f "$big" ]]; then
  echo "== generating $big_count OpenLineage events in $big (once; reused afterwards)"
  java -cp "$classpath" dev.braid.bench.LineageEventsGenerator "$big.tmp" "$big_count" 100 10
  mv "$big.tmp" "$big"
fi

image=()
if [[ "${BENCH_IMAGE:-}" == 1 ]]; then
  BRAID_BUILD_DIR="$build" "$root/installer/build.sh" --skip-build --no-deb > "$work/installer.log"
  image=(--braid-image "$build/installer/image/braid/bin/braid")
fi

rm -rf "$run"
mkdir -p "$run"

window=()
if [[ ",$parts," == *,window,* ]]; then
  # The window under headless JavaFX (Monocle, from the test class path), watched by the benchmark's
  # WindowFirstPaint. A class-data archive takes jars only, so the benchmark's classes go in one, and
  # the archive is the build's own class list dumped for this class path.
  jar cf "$run/bench.jar" -C "$work/classes" .
  test_jars=$(tr ':' '\n' < "$work/test-classpath.txt" | grep '\.jar$' | paste -sd: -)
  fx=(-Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Djava.awt.headless=true)
  now_cp="$run/bench.jar:$build/braid.jar:$test_jars"
  java -Xshare:dump -XX:SharedClassListFile="$build/braid.classlist" -XX:SharedArchiveFile="$run/window.jsa" \
    -cp "$now_cp" > "$run/window-archive.log" 2>&1 || echo "run-process.sh: no archive for the window benchmark" >&2
  window=(--window-java "${options[*]} -XX:SharedArchiveFile=$run/window.jsa ${fx[*]} -cp $now_cp"
          --window-defaults "${fx[*]} -cp $now_cp")
  if [[ -n "${BENCH_BASELINE:-}" ]]; then
    baseline="$work/baseline-${BENCH_BASELINE}"
    if [[ ! -f "$baseline/target/braid.jar" ]]; then
      echo "== building Braid at ${BENCH_BASELINE} into $baseline (once; reused afterwards)"
      rm -rf "$baseline"
      mkdir -p "$baseline"
      git -C "$root" archive "${BENCH_BASELINE}" | tar -x -C "$baseline"
      (cd "$baseline" && ./mvnw -q -DskipTests -Dbraid.classdata.skip=true package)
    fi
    window+=(--window-before "${fx[*]} -cp $run/bench.jar:$baseline/target/braid.jar:$test_jars")
  fi
fi
# The Python search again in Java (bench/src LineageBfs), with the launchers' options, to tell the
# JVM's start from Braid's own work in the lineage questions (compared, not a target's reference).
sqlite_jar=$(tr ':' '\n' <<< "$classpath" | grep '/sqlite-jdbc-[^/]*\.jar$' | head -n 1)
java_bfs="java ${options[*]} -cp $work/classes:$sqlite_jar dev.braid.bench.LineageBfs"
python3 "$bench/process/process.py" --work "$run" --braid "${braid[*]}" "${image[@]}" --java-bfs "$java_bfs" \
  --repo "$work/repo-${BENCH_COMMITS:-100000}" --events "$events" --big-events "$big" --parts "$parts" \
  --rounds "${BENCH_ROUNDS:-7}" --heavy-rounds "${BENCH_HEAVY_ROUNDS:-3}" \
  --runs-cache "java -cp $classpath dev.braid.bench.SyntheticRunsCache" "${window[@]}" "$@" | tee "$run/result.txt"
exit "${PIPESTATUS[0]}"
