"""Whole-process benchmark: Braid's commands as a user or a CI job runs them (a new process each
time, start-up included), each next to its reference measured in the same run, alternately, so
that the machine's load hits both alike. Standard library only; run by bench/process/run-process.sh.

    python3 process.py --work DIR --braid 'java ... -jar braid.jar' [--braid-image PATH] --repo REPO
                       --events FILE [--big-events FILE] [--parts startup,index,log,lineage,import,big-import]
                       [--rounds 7] [--runs-cache 'java ... SyntheticRunsCache']
                       [--mlflow-url URL --mlflow-python PY --mlflow-client SCRIPT]

For every command it prints the median wall time, the median CPU time (user + system, all
threads, from wait4: less noisy than wall time on a shared machine) and the peak resident set
size, then each target with its ratio and verdict. Writes DIR/result.json too. Exits with 1 when
a target is missed (judged on the median wall-time ratio; the CPU-time ratio is printed beside).
"""
import argparse
import glob
import json
import os
import resource
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import lineage_bfs  # noqa: E402  (chooses the nodes the lineage questions ask about)


class Run:
    def __init__(self, wall, cpu, rss_mb, status, out):
        self.wall, self.cpu, self.rss_mb, self.status, self.out = wall, cpu, rss_mb, status, out


def run(cmd, out_file=None, env=None, cwd=None):
    """Runs cmd (a list), returns its wall time, CPU time, peak RSS; stdout to out_file or /dev/null."""
    out = open(out_file, "wb") if out_file else subprocess.DEVNULL
    err = open(os.devnull, "wb") if os.environ.get("BENCH_QUIET", "1") == "1" else None
    try:
        began = time.monotonic()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.monotonic() - began
    finally:
        if out_file:
            out.close()
        if err:
            err.close()
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), out_file)


class Figures:
    def __init__(self, work):
        self.work = work
        self.rows = {}
        self.targets = []
        self.comparisons = []

    def add(self, label, r):
        if r.status != 0:
            raise SystemExit(f"{label} failed with exit code {r.status}")
        self.rows.setdefault(label, []).append(r)

    def median(self, label, what):
        return statistics.median(getattr(r, what) for r in self.rows[label])

    def peak_rss(self, label):
        return max(r.rss_mb for r in self.rows[label])

    def ratio(self, label, reference, limit, name):
        wall = self.median(label, "wall") / self.median(reference, "wall")
        cpu = self.median(label, "cpu") / self.median(reference, "cpu")
        met = wall <= limit
        self.targets.append({"target": name, "ratio_wall": round(wall, 2), "ratio_cpu": round(cpu, 2),
                             "limit": limit, "met": met})
        return met

    def compare(self, label, reference, name):
        """A ratio that no target judges, printed beside the targets to explain one."""
        self.comparisons.append({"comparison": name,
                                 "ratio_wall": round(self.median(label, "wall") / self.median(reference, "wall"), 2),
                                 "ratio_cpu": round(self.median(label, "cpu") / self.median(reference, "cpu"), 2)})

    def memory(self, label, limit_mb, name):
        peak = self.peak_rss(label)
        self.targets.append({"target": name, "peak_rss_mb": round(peak), "limit": limit_mb, "met": peak < limit_mb})

    def print(self):
        print(f"\n{'command':58s} {'runs':>4s} {'wall (median)':>14s} {'CPU (median)':>13s} {'peak RSS':>9s}")
        for label, rows in self.rows.items():
            print(f"{label[:58]:58s} {len(rows):4d} {self.median(label, 'wall'):12.3f} s {self.median(label, 'cpu'):11.3f} s"
                  f" {self.peak_rss(label):6.0f} MB")
        print()
        for t in self.targets:
            verdict = "met" if t["met"] else "MISSED"
            if "ratio_wall" in t:
                print(f"{t['target']:70s} {t['ratio_wall']:5.2f}x (CPU {t['ratio_cpu']:.2f}x)  limit {t['limit']}x  {verdict}")
            else:
                print(f"{t['target']:70s} {t['peak_rss_mb']:5d} MB  limit {t['limit']} MB  {verdict}")
        for c in self.comparisons:
            print(f"{c['comparison']:70s} {c['ratio_wall']:5.2f}x (CPU {c['ratio_cpu']:.2f}x)  no target")
        with open(os.path.join(self.work, "result.json"), "w") as f:
            json.dump({"load": open("/proc/loadavg").read().split()[:3], "targets": self.targets,
                       "comparisons": self.comparisons,
                       "commands": {k: [{"wall": r.wall, "cpu": r.cpu, "rss_mb": r.rss_mb} for r in v]
                                    for k, v in self.rows.items()}}, f, indent=1)


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    return path


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--work", required=True)
    a.add_argument("--braid", required=True, help="the command that starts braid, e.g. 'java -jar braid.jar'")
    a.add_argument("--braid-image", help="also time the app image's launcher (bin/braid) for start-up")
    a.add_argument("--repo", required=True)
    a.add_argument("--events", required=True)
    a.add_argument("--big-events")
    a.add_argument("--runs-cache", help="command that writes synthetic MLflow runs into a data folder (appended)")
    a.add_argument("--parts", default="index,startup,log,import,lineage")
    a.add_argument("--rounds", type=int, default=7)
    a.add_argument("--heavy-rounds", type=int, default=3)
    a.add_argument("--python", default=sys.executable)
    a.add_argument("--java-bfs", help="the command that starts bench/src's LineageBfs (the Python search in Java, "
                   "with the launchers' JVM options), timed beside the Python search for comparison only")
    a.add_argument("--window-java", help="JVM options and class path (after 'java') that run the benchmark's "
                   "WindowFirstPaint with this Braid, as the launchers start it (part window)")
    a.add_argument("--window-defaults", help="the same with the JVM's defaults (no launcher options, no archive)")
    a.add_argument("--window-before", help="the same for the Braid the figures are compared with (BENCH_BASELINE)")
    a.add_argument("--mlflow-url", help="an MLflow server serving the 20,000-run store (part mlflow)")
    a.add_argument("--mlflow-python", help="the Python that has the MLflow client")
    a.add_argument("--mlflow-client", help="bench/mlflow/client_read.py")
    args = a.parse_args()
    os.makedirs(args.work, exist_ok=True)
    parts = set(args.parts.split(","))
    braid = shlex.split(args.braid)
    figures = Figures(args.work)
    print(f"== whole-process benchmark ({os.cpu_count()} CPUs, load average {load()})")
    print(f"   braid: {args.braid}")

    try:
        repo_data = os.path.join(args.work, "repo-data")
        if "index" in parts or (parts & {"startup", "log", "window"} and not os.path.exists(os.path.join(repo_data, "cache.db"))):
            index(args, braid, figures, repo_data)
        if "startup" in parts:
            startup(args, braid, figures, repo_data)
        if "log" in parts:
            read_out(args, braid, figures, repo_data)
        lineage_data = os.path.join(args.work, "lineage-data")
        if "import" in parts or ("lineage" in parts and not os.path.exists(os.path.join(lineage_data, "cache.db"))):
            lineage_import(args, braid, figures, lineage_data)
        if "lineage" in parts:
            lineage_questions(args, braid, figures, lineage_data)
        if "big-import" in parts and args.big_events:
            big_import(args, braid, figures)
        if "window" in parts and args.window_java:
            window(args, figures, repo_data)
        if "mlflow" in parts and args.mlflow_url:
            mlflow_sync(args, braid, figures)
    finally:
        # Whatever ran is printed, also when a part stops the run (a failed command, a wrong answer).
        figures.print()
        print(f"== load average at the end: {load()}")
    return 0 if all(t["met"] for t in figures.targets) else 1


def index(args, braid, figures, repo_data):
    print(f"-- full index: repo add of {args.repo} vs git log --all (load {load()})")
    git = ["git", "-C", args.repo, "log", "--all", "--format=%H %P %an %ae %at %s"]
    run(git)  # warm the page cache for both alike
    for i in range(args.heavy_rounds):
        figures.add("git log --all --format=...", run(git))
        data = fresh(repo_data)
        figures.add("braid repo add (100,000 commits, fresh data folder)",
                    run(braid + ["--data-dir", data, "repo", "add", args.repo, "--name", "big"]))
    figures.ratio("braid repo add (100,000 commits, fresh data folder)", "git log --all --format=...", 3.0,
                  "(2) repo add / git log --all")
    figures.memory("braid repo add (100,000 commits, fresh data folder)", 512, "(5) repo add peak RSS")


def startup(args, braid, figures, repo_data):
    if args.runs_cache and not os.path.exists(os.path.join(repo_data, "runs-written")):
        subprocess.run(shlex.split(args.runs_cache) + [repo_data], check=True, stdout=subprocess.DEVNULL)
        open(os.path.join(repo_data, "runs-written"), "w").close()
    print(f"-- start-up: first pages vs braid --version (load {load()})")
    launchers = [("", braid)]
    if args.braid_image:
        launchers.append(("app image: ", [args.braid_image]))
    for prefix, launcher in launchers:
        d = ["--data-dir", repo_data]
        commands = [(prefix + "braid --version", launcher + ["--version"]),
                    (prefix + "braid repo log big --limit 50", launcher + d + ["repo", "log", "big", "--limit", "50"]),
                    (prefix + "braid runs list --limit 50", launcher + d + ["runs", "list", "--limit", "50"]),
                    (prefix + "braid status", launcher + d + ["status"])]
        for _, cmd in commands:
            run(cmd)
        for i in range(args.rounds):
            for label, cmd in commands:
                figures.add(label, run(cmd))
        for label, _ in commands[1:]:
            figures.ratio(label, commands[0][0], 2.0, "(1) " + label + " / braid --version")


def read_out(args, braid, figures, repo_data):
    print(f"-- reading out: repo log --limit 100000 --json vs git log with the same fields (load {load()})")
    git = ["git", "-C", args.repo, "log", "-n", "100000", "--format=%H%x00%P%x00%an%x00%ae%x00%aI%x00%s"]
    ours = braid + ["--data-dir", repo_data, "repo", "log", "big", "--limit", "100000", "--json"]
    out = os.path.join(args.work, "log.json")
    for i in range(args.rounds):
        figures.add("git log -n 100000 (hash, parents, author, email, date, subject)", run(git))
        figures.add("braid repo log big --limit 100000 --json", run(ours, out))
    lines = sum(1 for _ in open(out, "rb"))
    gits = int(subprocess.run(git[:3] + ["rev-list", "--count", "-n", "100000", "HEAD"], capture_output=True,
                              text=True).stdout.strip())
    if lines != gits:
        raise SystemExit(f"repo log printed {lines} commits, git has {gits}")
    figures.ratio("braid repo log big --limit 100000 --json", "git log -n 100000 (hash, parents, author, email, date, subject)",
                  2.0, "(3) repo log --limit 100000 --json / git log")
    figures.memory("braid repo log big --limit 100000 --json", 512, "(5) repo log 100000 peak RSS")


def lineage_import(args, braid, figures, lineage_data):
    print(f"-- lineage import of {args.events} vs Python json + SQLite bulk insert (load {load()})")
    counts = None
    for i in range(max(1, args.heavy_rounds - 1)):
        ref_db = os.path.join(args.work, "reference-import.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(ref_db + suffix):
                os.remove(ref_db + suffix)
        r = run([args.python, os.path.join(HERE, "lineage_import.py"), args.events, ref_db],
                os.path.join(args.work, "reference-import.json"))
        figures.add("python json + sqlite bulk insert (reference)", r)
        counts = json.load(open(r.out))
        figures.add("braid lineage import (fresh data folder)",
                    run_allowing(braid + ["--data-dir", lineage_data, "lineage", "import", args.events]))
    db = sqlite3.connect(os.path.join(lineage_data, "cache.db"))
    ours = {t: db.execute(f"SELECT count(*) FROM lineage_{t}").fetchone()[0] for t in ("nodes", "edges", "columns")}
    db.close()
    print(f"   graph: braid {ours}, reference {counts}")
    figures.ratio("braid lineage import (fresh data folder)", "python json + sqlite bulk insert (reference)", 1.3,
                  "(7) lineage import / Python reference")
    figures.memory("braid lineage import (fresh data folder)", 512, "(5) lineage import peak RSS")


def run_allowing(cmd):
    """A lineage import of the benchmark file exits 1: it holds broken lines on purpose."""
    data = cmd[cmd.index("--data-dir") + 1]
    fresh(data)
    r = run(cmd)
    if r.status == 1:
        r.status = 0
    return r


def big_import(args, braid, figures):
    print(f"-- lineage import of {args.big_events} ({os.path.getsize(args.big_events) / 1e9:.2f} GB) (load {load()})")
    data = os.path.join(args.work, "big-import-data")
    figures.add("braid lineage import of the 1 GB file", run_allowing(braid + ["--data-dir", data, "lineage", "import",
                                                                               args.big_events]))
    figures.memory("braid lineage import of the 1 GB file", 512, "(5) lineage import of 1 GB peak RSS")
    shutil.rmtree(data, ignore_errors=True)


def lineage_questions(args, braid, figures, lineage_data):
    cache = os.path.join(lineage_data, "cache.db")
    db = sqlite3.connect("file:" + cache + "?mode=ro", uri=True)
    # The dataset with the largest upstream closure among the eight written most; the repository
    # whose commits built the most runs; a path from that repository down to that dataset.
    written = [r[0] for r in db.execute("SELECT n.id FROM lineage_nodes n JOIN lineage_edges e ON e.to_id = n.id"
                                        " WHERE n.kind = 'dataset' GROUP BY n.id ORDER BY count(*) DESC, n.id LIMIT 8")]
    show = max(written, key=lambda n: (len(lineage_bfs.walk(db, n, "upstream", 10)), n))
    repos = [r[0] for r in db.execute("SELECT id FROM lineage_nodes WHERE kind = 'repo' ORDER BY id")]
    impact = repos[0]
    db.close()
    print(f"-- lineage questions vs a plain BFS in Python (load {load()}): show {show}, impact {impact}")
    b = braid + ["--data-dir", lineage_data, "lineage"]
    ref = [args.python, os.path.join(HERE, "lineage_bfs.py"), cache]
    questions = [
        ("show --upstream --depth 10", b + ["show", show, "--upstream", "--depth", "10", "--json"],
         ref + ["show", show, "upstream", "10"]),
        ("impact", b + ["impact", impact, "--json"], ref + ["impact", impact]),
        ("path --limit 1", b + ["path", impact, show, "--limit", "1", "--json"], ref + ["path", impact, show]),
    ]
    java_bfs = java_reference(args.java_bfs, lineage_data, cache)
    for name, ours, theirs in questions:
        a_out = os.path.join(args.work, "braid-" + name.split()[0] + ".jsonl")
        b_out = os.path.join(args.work, "reference-" + name.split()[0] + ".jsonl")
        j_out = os.path.join(args.work, "java-reference-" + name.split()[0] + ".jsonl")
        for i in range(args.rounds):
            figures.add("python BFS: " + name, run(theirs, b_out))
            figures.add("braid lineage " + name, run(ours, a_out))
            if java_bfs:
                figures.add("java BFS: " + name, run(java_bfs + theirs[3:], j_out))
        same(a_out, b_out, name)
        figures.ratio("braid lineage " + name, "python BFS: " + name, 2.0, "(4) lineage " + name + " / Python BFS")
        if java_bfs:
            same(j_out, b_out, name + " (Java BFS)")
            figures.compare("braid lineage " + name, "java BFS: " + name,
                            "lineage " + name + " / the same BFS in Java (JVM start in both)")
            figures.compare("java BFS: " + name, "python BFS: " + name, "the BFS in Java / in Python")


def java_reference(command, lineage_data, cache):
    """The Java search's command line with the cache's path, loading the SQLite library Braid unpacked
    into the data folder (as Braid does), so neither pays sqlite-jdbc's unpacking at every start."""
    if not command:
        return None
    words = shlex.split(command)
    unpacked = sorted(glob.glob(os.path.join(lineage_data, "native", "libsqlitejdbc-*", "libsqlitejdbc.so")))
    if unpacked:
        words[1:1] = ["-Dorg.sqlite.lib.path=" + os.path.dirname(unpacked[0]), "-Dorg.sqlite.lib.name=libsqlitejdbc.so"]
    return words + [cache]


def window(args, figures, repo_data):
    print(f"-- the window's first frame with cached data (100,000 commits, 10,020 runs) (load {load()})")
    variants = [("window, as launched", args.window_java)]
    if args.window_defaults:
        variants.append(("window, JVM defaults", args.window_defaults))
    if args.window_before:
        variants.append(("window, before (baseline build, JVM defaults)", args.window_before))
    shown = {label: [] for label, _ in variants}
    for i in range(max(3, args.heavy_rounds)):
        for label, java in variants:
            out = os.path.join(args.work, "window.txt")
            r = run(["java"] + shlex.split(java) + ["dev.braid.bench.WindowFirstPaint", repo_data], out)
            text = open(out).read()
            marker = "first frame with cached data: "
            if marker not in text:
                raise SystemExit(label + ": no frame with cached data: " + text)
            shown[label].append(int(text.split(marker)[1].split()[0]))
            figures.add(label, r)
    for label, values in shown.items():
        print(f"   {label}: first frame with cached data after {statistics.median(values):.0f} ms"
              f" (runs: {', '.join(str(v) for v in values)})")
    if args.window_before:
        before = statistics.median(shown["window, before (baseline build, JVM defaults)"])
        now = statistics.median(shown["window, as launched"])
        figures.targets.append({"target": "(1) window's first frame with cached data, now / before",
                                "ratio_wall": round(now / before, 2),
                                "ratio_cpu": round(figures.median("window, as launched", "cpu")
                                                   / figures.median("window, before (baseline build, JVM defaults)", "cpu"), 2),
                                "limit": 0.5, "met": now / before <= 0.5})


def mlflow_sync(args, braid, figures):
    print(f"-- MLflow first sync: braid mlflow add vs the Python client's search_runs (load {load()})")
    env = dict(os.environ, MLFLOW_TRACKING_URI=args.mlflow_url, GIT_PYTHON_REFRESH="quiet")
    client = [args.mlflow_python, args.mlflow_client]
    data = os.path.join(args.work, "mlflow-data")
    for i in range(max(1, args.heavy_rounds - 1)):
        r = run(client, os.path.join(args.work, "client.json"), env=env)
        figures.add("python MlflowClient.search_runs, every page (reference)", r)
        runs = json.load(open(r.out))["runs"]
        fresh(data)
        figures.add("braid mlflow add (first sync)",
                    run(braid + ["--data-dir", data, "mlflow", "add", args.mlflow_url, "--name", "bench"]))
        db = sqlite3.connect(os.path.join(data, "cache.db"))
        ours = db.execute("SELECT count(*) FROM runs").fetchone()[0]
        db.close()
        if ours != runs:
            raise SystemExit(f"braid cached {ours} runs, the client read {runs}")
    print(f"   runs: {runs} read by both")
    figures.ratio("braid mlflow add (first sync)", "python MlflowClient.search_runs, every page (reference)", 0.6,
                  "(6) mlflow add / Python client")
    figures.memory("braid mlflow add (first sync)", 400, "(5) mlflow add peak RSS")


def same(ours, theirs, name):
    """The reference must answer the same question: the same nodes (and depths) or a path as short."""
    a = [json.loads(line) for line in open(ours)]
    b = [json.loads(line) for line in open(theirs)]
    if name.startswith("path"):
        ok = len(a) == 1 and len(b) == 1 and a[0]["length"] == b[0]["length"]
    else:
        ok = {(x["id"], x["depth"]) for x in a} == {(x["id"], x["depth"]) for x in b}
    print(f"   {name}: braid {len(a)} lines, reference {len(b)} lines, {'same answer' if ok else 'DIFFERENT ANSWERS'}")
    if not ok:
        raise SystemExit("the reference does not answer the same question: " + name)


if __name__ == "__main__":
    sys.exit(main())
