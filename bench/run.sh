#!/usr/bin/env bash
# Braid benchmarks (see docs/benchmarks.md):
#   repositories: full index vs git log, incremental sync, peak heap, first page;
#   experiments:  full MLflow sync vs the MLflow Python client, no-change sync, filter + sort over
#                 100,000 cached runs, peak heap; the metric chart's first paint;
#   lineage:      import of 100,000 OpenLineage events from a JSON Lines file, depth-10 downstream
#                 closures in a graph of 1,000,000 edges, peak heap (-Xmx512m); layout and first
#                 paint of a 2,000-node neighbourhood in the explorer;
#   dvc:          DVC stage states across a 10,000-commit history vs `dvc status` on a sample;
#   process:      whole-process figures: each braid command started as a user starts it (the
#                 launchers' JVM options, the class-data archive), next to its reference in the
#                 same run: start-up, full index, reading out, lineage questions and import, memory
#                 (bench/process/run-process.sh);
#   crash:        each sync kind (git, MLflow, OpenLineage import) killed BENCH_CRASH_KILLS times at
#                 random points; integrity, no half sync seen, and the resumed sync's result;
#   security:     scanning 1 GB of mixed model files, MB/s against picklescan and modelscan in the
#                 same run; detection and time per file against picklescan, modelscan and fickling;
#   airflow:      first sync of 5,000 DAG runs x 20 task instances from the Airflow 3 replay vs its raw serving rate;
#   features:     first sync of a Feast registry.db of 2,000 feature views x 10 features x 10 versions vs
#                 `feast registry-dump` of the same file; catalogue search; used-by over 10,000 runs.
# Usage: bench/run.sh            (from anywhere; runs everything)
# Environment:
#   BENCH_ONLY=repositories|experiments|lineage|pipelines|dvc|process|crash|security|airflow|features   run one part only (default: all)
#   BENCH_PIPELINE_RUNS=20000  pipeline runs (10 jobs each) the GitLab replay serves for the first sync
#   BENCH_AIRFLOW_RUNS=5000  DAG runs (20 task instances each) the Airflow replay serves
#   BENCH_FEATURE_VIEWS=2000 BENCH_FEATURES=10 BENCH_FEATURE_VERSIONS=10 BENCH_FEATURE_RUNS=10000  the features registry's shape
#   BENCH_DVC_COMMITS=10000  commits in the generated DVC project; BENCH_DVC_SAMPLE=20 commits timed with dvc status
#   BENCH_CRASH_KILLS=100  kills per sync kind in the crash run
#   BENCH_CRASH_KINDS=git,mlflow,openlineage  the sync kinds the crash run kills
#   BENCH_CRASH_FROM=0     first kill point (continues a stopped run: kills FROM..KILLS-1 get new points)
#   BENCH_SECURITY_MB=1024 size of the generated model files (cached in bench/work/security-models-<n>)
#   BENCH_SECURITY_THROUGHPUT=0  security: time per file and detection only, without the 1 GB part
#   BENCH_COMMITS=100000   size of the generated repository
#   BENCH_LINEAGE_EVENTS=100000  OpenLineage events in the generated file (plus 100 repeats, 10 broken lines)
#   BENCH_MLFLOW_WORKERS=2 worker processes of the benchmark's mlflow server
#   BENCH_FX=true          also draw the first page in a headless JavaFX table (needs Monocle)
#   BENCH_JFR=1            record the benchmark JVM with Java Flight Recorder and summarise it
#   BENCH_SKIP_BUILD=1     reuse the last build in target-bench/
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/bench"
work="$bench/work"
build="$root/target-bench"
commits="${BENCH_COMMITS:-100000}"
pristine="$work/repo-$commits"
mkdir -p "$work"

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  echo "== building Braid into $build"
  (cd "$root" && ./mvnw -q -Dbraid.build.dir="$build" -DskipTests package)
  (cd "$root" && ./mvnw -q -Dbraid.build.dir="$build" dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$work/test-classpath.txt" >/dev/null)
fi
classpath="$build/braid.jar:$(cat "$work/test-classpath.txt")"

echo "== compiling the benchmark"
rm -rf "$work/classes"
# The lineage graph generator lives with the tests (test-classes), as the explorer's tests use it.
javac -nowarn -d "$work/classes" -cp "$build/test-classes:$classpath" $(find "$bench/src" -name "*.java")
classpath="$work/classes:$classpath"

only="${BENCH_ONLY:-all}"
status=0
echo "== machine: $(nproc) CPUs, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ "$only" == all || "$only" == repositories ]]; then
  if [[ ! -d "$pristine" ]]; then
    echo "== generating a $commits-commit repository in $pristine (once; reused afterwards)"
    tmp="$pristine.tmp"
    rm -rf "$tmp"
    git init -q -b main "$tmp"
    start=$(date +%s)
    java -cp "$work/classes" dev.braid.bench.HistoryGenerator "$commits" 1 1420070400 | git -C "$tmp" fast-import --quiet
    git -C "$tmp" gc --quiet
    git -C "$tmp" checkout -q -f main
    mv "$tmp" "$pristine"
    echo "   generated in $(( $(date +%s) - start )) s"
  fi

  # Each run works on a copy: the benchmark appends commits to the repository it measures.
  run="$work/run"
  rm -rf "$run"
  mkdir -p "$run"
  cp -a "$pristine" "$run/repo"

  jvm=(-Xmx256m -Xlog:gc:file="$run/gc.log")
  if [[ "${BENCH_FX:-true}" == true ]]; then
    jvm+=(-Dbench.fx=true -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Djava.awt.headless=true)
  fi
  if [[ "${BENCH_JFR:-}" == 1 ]]; then
    jvm+=(-XX:StartFlightRecording=filename="$run/index.jfr",settings=profile)
  fi

  echo "== repositories (machine: $(nproc) CPUs, $(uname -sr), $(git --version))"
  java "${jvm[@]}" -cp "$classpath" dev.braid.bench.IndexBenchmark "$run/repo" "$run/braid" | tee "$run/result.txt" || status=$?
  grep -o 'Pause[^)]*) [0-9]*M->[0-9]*M([0-9]*M)' "$run/gc.log" \
    | sed -E 's/.*->([0-9]+)M\(([0-9]+)M\)/\1 \2/' \
    | awk '{ if ($1 > after) after = $1; if ($2 > committed) committed = $2 } END { printf "gc log: max heap after GC %d MB, max committed heap %d MB\n", after, committed }' \
    | tee -a "$run/result.txt"
  if [[ "${BENCH_JFR:-}" == 1 ]]; then
    while read -r name from to; do
      echo "== profile of $name ($(( to - from )) ms)"
      java -cp "$classpath" dev.braid.bench.JfrSummary "$run/index.jfr" braid- "$from" "$to"
    done < "$run/braid/windows.txt" | tee "$run/profile.txt"
  fi
fi

if [[ "$only" == all || "$only" == experiments ]]; then
  "$bench/mlflow/run-experiments.sh" "$root" "$classpath" || status=$?
fi

if [[ "$only" == all || "$only" == lineage ]]; then
  lineage_events="${BENCH_LINEAGE_EVENTS:-100000}"
  events_file="$work/openlineage-$lineage_events.jsonl"
  lwork="$work/lineage"
  if [[ ! -f "$events_file" ]]; then
    echo "== generating $lineage_events OpenLineage events in $events_file (once; reused afterwards)"
    java -cp "$classpath" dev.braid.bench.LineageEventsGenerator "$events_file.tmp" "$lineage_events" 100 10
    mv "$events_file.tmp" "$events_file"
  fi
  rm -rf "$lwork"
  mkdir -p "$lwork"
  ljvm=(-Xmx512m -Xlog:gc:file="$lwork/gc.log")
  if [[ "${BENCH_JFR:-}" == 1 ]]; then
    ljvm+=(-XX:StartFlightRecording=filename="$lwork/lineage.jfr",settings=profile)
  fi
  echo "== lineage: import $lineage_events OpenLineage events, depth-10 closures over 1,000,000 edges (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  java "${ljvm[@]}" -cp "$classpath" dev.braid.bench.LineageBenchmark "$events_file" "$lwork/data" "$lineage_events" 100 10 \
    | tee "$lwork/result.txt" || status=$?
  grep -o 'Pause[^)]*) [0-9]*M->[0-9]*M([0-9]*M)' "$lwork/gc.log" \
    | sed -E 's/.*->([0-9]+)M\(([0-9]+)M\)/\1 \2/' \
    | awk '{ if ($1 > after) after = $1; if ($2 > committed) committed = $2 } END { printf "gc log: max heap after GC %d MB, max committed heap %d MB\n", after, committed }' \
    | tee -a "$lwork/result.txt"
  if [[ "${BENCH_JFR:-}" == 1 ]]; then
    for thread in main braid-lineage-import; do
      echo "== profile of the lineage benchmark, thread $thread"
      java -cp "$classpath" dev.braid.bench.JfrSummary "$lwork/lineage.jfr" "$thread"
    done | tee "$lwork/profile.txt"
  fi
  echo "== lineage explorer: layout and first paint of a 2,000-node neighbourhood (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx512m -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Djava.awt.headless=true \
    -cp "$build/test-classes:$classpath" dev.braid.bench.LayoutBenchmark | tee "$lwork/layout.txt" || status=$?
fi
if [[ "$only" == all || "$only" == pipelines ]]; then
  pwork="$work/pipelines"
  rm -rf "$pwork"
  mkdir -p "$pwork"
  echo "== pipelines: first sync of ${BENCH_PIPELINE_RUNS:-20000} runs x 10 jobs from the GitLab replay, no-change sync, filter and sort over 100,000 runs, 300-job graph (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  # The replay lives with the tests (test-classes), as the sync tests use it.
  java -Xmx512m -cp "$build/test-classes:$classpath" dev.braid.bench.PipelinesBenchmark "$pwork/data" "${BENCH_PIPELINE_RUNS:-20000}" \
    | tee "$pwork/result.txt" || status=$?
  echo "== pipelines: layout and paint of a 300-job graph (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx512m -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Djava.awt.headless=true \
    -cp "$build/test-classes:$classpath" dev.braid.pipelines.ui.PipelineGraphBenchmark | tee -a "$pwork/result.txt" || status=$?
fi
if [[ "$only" == all || "$only" == dvc ]]; then
  dvc_commits="${BENCH_DVC_COMMITS:-10000}"
  dvc_repo="$work/dvc-$dvc_commits"
  dvc_bin="$root/.ci/venv/bin/dvc"
  if [[ ! -x "$dvc_bin" ]]; then
    echo "== $dvc_bin is missing: .ci/run builds .ci/venv from .ci/requirements.txt" >&2
    exit 1
  fi
  if [[ ! -d "$dvc_repo" ]]; then
    echo "== generating a $dvc_commits-commit DVC project in $dvc_repo (once; reused afterwards)"
    rm -rf "$dvc_repo.tmp"
    git init -q -b main "$dvc_repo.tmp"
    java -cp "$work/classes" dev.braid.bench.DvcHistoryGenerator "$dvc_commits" 11 | git -C "$dvc_repo.tmp" fast-import --quiet
    git -C "$dvc_repo.tmp" checkout -q -f main
    mv "$dvc_repo.tmp" "$dvc_repo"
  fi
  mkdir -p "$work/dvc-run"
  echo "== dvc: stage states across $dvc_commits commits vs dvc status (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx256m -cp "$classpath" dev.braid.bench.DvcStatusBenchmark "$dvc_repo" "$dvc_bin" "${BENCH_DVC_SAMPLE:-20}" \
    | tee "$work/dvc-run/result.txt" || status=$?
fi
if [[ "$only" == all || "$only" == crash ]]; then
  kills="${BENCH_CRASH_KILLS:-100}"
  cwork="$work/crash"
  mkdir -p "$cwork"
  echo "== crash: each sync kind killed $kills times at random points (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  start=$(date +%s)
  java -cp "$classpath" dev.braid.bench.CrashBenchmark "$cwork" "$kills" "${BENCH_CRASH_KINDS:-git,mlflow,openlineage}" "${BENCH_CRASH_FROM:-0}" | tee "$cwork/result.txt" || status=$?
  echo "crash run took $(( $(date +%s) - start )) s (load average $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$cwork/result.txt"
fi
if [[ "$only" == all || "$only" == process ]]; then
  "$bench/process/run-process.sh" "$root" "$build" "$classpath" || status=$?
fi

if [[ "$only" == all || "$only" == security ]]; then
  size_mb="${BENCH_SECURITY_MB:-1024}"
  models="$work/security-models-$size_mb"
  swork="$work/security"
  # The Python environments the tests use: .ci/venv (NumPy, scikit-learn, joblib) writes the files,
  # .ci/venv-scanners holds picklescan, modelscan and fickling. Built here when missing.
  for env in venv venv-scanners; do
    reqs="$root/.ci/requirements${env#venv}.txt"
    if ! cmp -s "$reqs" "$root/.ci/$env/requirements.installed"; then
      echo "== building .ci/$env from $(basename "$reqs")"
      python3 -m venv --clear "$root/.ci/$env"
      "$root/.ci/$env/bin/pip" install --quiet --disable-pip-version-check -r "$reqs"
      cp "$reqs" "$root/.ci/$env/requirements.installed"
    fi
  done
  if [[ ! -d "$models" ]]; then
    echo "== generating $size_mb MB of model files in $models (once; reused afterwards)"
    rm -rf "$models.tmp"
    "$root/.ci/venv/bin/python" "$bench/security/make_models.py" "$models.tmp" "$size_mb"
    mv "$models.tmp" "$models"
  fi
  rm -rf "$swork"
  mkdir -p "$swork"
  echo "== model scanning (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  (cd "$root" && java -Xmx1g -cp "$build/test-classes:$classpath" dev.braid.bench.SecurityBenchmark "$models" "$swork" \
    "$build/braid.jar:$build/lib/*" "$root/.ci/venv-scanners") | tee "$swork/result.txt" || status=$?
fi
if [[ "$only" == all || "$only" == airflow ]]; then
  awork="$work/airflow"
  rm -rf "$awork"
  mkdir -p "$awork"
  echo "== airflow: first sync of ${BENCH_AIRFLOW_RUNS:-5000} DAG runs x 20 task instances from the Airflow 3 replay vs its raw serving (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx512m -cp "$build/test-classes:$classpath" dev.braid.bench.AirflowSyncBenchmark "$awork/data" "${BENCH_AIRFLOW_RUNS:-5000}" \
    | tee "$awork/result.txt" || status=$?
fi
if [[ "$only" == all || "$only" == features ]]; then
  fwork="$work/features"
  feast_bin="$root/.ci/venv-feast/bin/feast"
  if [[ ! -x "$feast_bin" ]]; then
    echo "== $feast_bin is missing: the test harness builds .ci/venv-feast from .ci/requirements-feast.txt" >&2
    exit 1
  fi
  rm -rf "$fwork"
  mkdir -p "$fwork"
  echo "== features: first sync of a Feast registry.db of ${BENCH_FEATURE_VIEWS:-2000} views x ${BENCH_FEATURES:-10} features x ${BENCH_FEATURE_VERSIONS:-10} versions vs feast registry-dump (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx1g -cp "$classpath" dev.braid.bench.FeaturesBenchmark "$fwork" "${BENCH_FEATURE_VIEWS:-2000}" "${BENCH_FEATURES:-10}" \
    "${BENCH_FEATURE_VERSIONS:-10}" "${BENCH_FEATURE_RUNS:-10000}" "$feast_bin" | tee "$fwork/result.txt" || status=$?
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$fwork/result.txt"
fi
exit $status
