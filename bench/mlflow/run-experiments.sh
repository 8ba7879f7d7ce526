#!/usr/bin/env bash
# The experiments part of bench/run.sh (which builds Braid and compiles the benchmark first).
# Usage: run-experiments.sh ROOT CLASSPATH
# Generates the MLflow store once (bench/work/mlflow-store/, reused afterwards), serves it with a
# real `mlflow server` from .ci/venv on 127.0.0.1, runs dev.braid.bench.ExperimentsBenchmark
# against it, stops the server, then runs the metric chart benchmark.
# BENCH_EXPERIMENTS=queries runs only the filter and sort figures, on a synthetic cache shaped like
# the generated store (dev.braid.bench.ExperimentsQueryBenchmark): no MLflow store, server or client.
set -euo pipefail

root="$1"
classpath="$2"
bench="$root/bench"
work="$bench/work"
store="$work/mlflow-store"
run="$work/run-experiments"
python="$root/.ci/venv/bin/python"
mlflow="$root/.ci/venv/bin/mlflow"
if [[ ! -x "$mlflow" ]]; then
  echo "no MLflow in $root/.ci/venv: run the MLflow tests once (or .ci/run) to create it" >&2
  exit 2
fi

if [[ "${BENCH_EXPERIMENTS:-}" == queries ]]; then
  rm -rf "$work/run-queries"
  echo "== experiments: filter and sort over a synthetic 100,000-run cache (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx512m -cp "$classpath" dev.braid.bench.ExperimentsQueryBenchmark "$work/run-queries"
  exit $?
fi

# BENCH_EXPERIMENTS=process compares the whole 'braid mlflow add' process with the MLflow Python
# client on a store of BENCH_MLFLOW_EXPERIMENTS (default 20) x 1,000 runs (bench/process).
experiments="${BENCH_MLFLOW_EXPERIMENTS:-10}"
if [[ "${BENCH_EXPERIMENTS:-}" == process ]]; then
  experiments="${BENCH_MLFLOW_EXPERIMENTS:-20}"
fi
if [[ "$experiments" != 10 ]]; then
  store="$work/mlflow-store-$experiments"
fi
if [[ ! -f "$store/generated.json" ]]; then
  echo "== generating the MLflow store in $store ($experiments x 1,000 runs; once, reused afterwards)"
  rm -rf "$store.tmp"
  mkdir -p "$store.tmp"
  start=$(date +%s)
  GIT_PYTHON_REFRESH=quiet "$python" "$bench/mlflow/generate.py" "$store.tmp/mlflow.db" "$store/artifacts" "$experiments" \
    > "$store.tmp/generated.json" 2> "$store.tmp/generate.log"
  mv "$store.tmp" "$store"
  echo "   generated in $(( $(date +%s) - start )) s: $(cat "$store/generated.json" | cut -c1-120)..."
fi

rm -rf "$run"
mkdir -p "$run"
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
workers="${BENCH_MLFLOW_WORKERS:-2}"
echo "== starting mlflow server on 127.0.0.1:$port ($workers workers) over $store/mlflow.db"
(cd "$run" && exec "$mlflow" server --host 127.0.0.1 --port "$port" --workers "$workers" \
    --backend-store-uri "sqlite:///$store/mlflow.db" --default-artifact-root "$store/artifacts" \
    > "$run/mlflow-server.log" 2>&1) &
server=$!
# The server runs uvicorn, which runs the workers: stop the whole tree this script started, by pid.
descendants() {
  local child
  for child in $(pgrep -P "$1" || true); do
    echo "$child"
    descendants "$child"
  done
}
stop_server() {
  local pids
  pids="$server $(descendants "$server")"
  kill -TERM $pids 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
trap stop_server EXIT
for _ in $(seq 1 240); do
  if curl -fs "http://127.0.0.1:$port/health" > /dev/null; then
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$run/mlflow-server.log" >&2
    exit 2
  fi
  sleep 0.5
done
if ! curl -fs "http://127.0.0.1:$port/health" > /dev/null; then
  echo "mlflow server did not answer /health within 2 minutes; see $run/mlflow-server.log" >&2
  exit 2
fi

if [[ "${BENCH_EXPERIMENTS:-}" == process ]]; then
  status=0
  BENCH_PROCESS_PARTS=mlflow BENCH_PROCESS_SUFFIX=-mlflow "$bench/process/run-process.sh" "$root" "$root/target-bench" "$classpath" \
    --mlflow-url "http://127.0.0.1:$port" --mlflow-python "$python" --mlflow-client "$bench/mlflow/client_read.py" || status=$?
  stop_server
  trap - EXIT
  exit $status
fi

jvm=(-Xmx512m -Xlog:gc:file="$run/gc.log")
if [[ "${BENCH_JFR:-}" == 1 ]]; then
  jvm+=(-XX:StartFlightRecording=filename="$run/experiments.jfr",settings=profile)
fi
status=0
echo "== experiments (load average $(cut -d' ' -f1-3 /proc/loadavg))"
java "${jvm[@]}" -cp "$classpath" dev.braid.bench.ExperimentsBenchmark "http://127.0.0.1:$port" "$run/braid" \
  "$store/generated.json" "$python" "$bench/mlflow/client_read.py" | tee "$run/result.txt" || status=$?
stop_server
trap - EXIT
grep -o 'Pause[^)]*) [0-9]*M->[0-9]*M([0-9]*M)' "$run/gc.log" \
  | sed -E 's/.*->([0-9]+)M\(([0-9]+)M\)/\1 \2/' \
  | awk '{ if ($1 > after) after = $1; if ($2 > committed) committed = $2 } END { printf "gc log: max heap after GC %d MB, max committed heap %d MB\n", after, committed }' \
  | tee -a "$run/result.txt"
if [[ "${BENCH_JFR:-}" == 1 ]]; then
  java -cp "$classpath" dev.braid.bench.JfrSummary "$run/experiments.jfr" braid- 0 9999999999999 | tee "$run/profile.txt"
fi

echo "== metric chart: first paint of 1,000,000 points"
java -Xmx256m -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Djava.awt.headless=true \
  -cp "$classpath" dev.braid.bench.ChartBenchmark | tee -a "$run/result.txt" || status=$?
exit $status
