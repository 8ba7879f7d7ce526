"""Writes the experiments benchmark's MLflow store: a SQLite backend file made by MLflow's own
SqlAlchemyStore (so the schema is exactly what `mlflow server` expects), filled in batches through
MLflow's own table definitions.

    python generate.py DB_PATH ARTIFACT_ROOT [EXPERIMENTS]

10 experiments (or EXPERIMENTS) x 1,000 runs, each run with 20 params, 20 metrics (latest value and one logged
point) and 6 tags; 50 of them still RUNNING. An 11th experiment holds 20 runs shaped the same plus
a metric "loss" with a 100,000-step history. Seeded, so every generation writes the same values
(ids and times aside). Prints one JSON line with what it wrote and how long it took.
"""
import json
import random
import sys
import time
import uuid

from sqlalchemy import insert

from mlflow.store.tracking.dbmodels.models import (SqlLatestMetric, SqlMetric, SqlParam, SqlRun,
                                                   SqlTag)
from mlflow.store.tracking.sqlalchemy_store import SqlAlchemyStore

EXPERIMENTS = 10
RUNS_PER_EXPERIMENT = 1000
KEYS = 20
RUNNING = 50
HISTORY_RUNS = 20
HISTORY_STEPS = 100_000
BATCH = 20_000
DAY_MS = 24 * 60 * 60 * 1000


def main():
    global EXPERIMENTS
    db_path, artifacts = sys.argv[1], sys.argv[2]
    if len(sys.argv) > 3:
        EXPERIMENTS = int(sys.argv[3])
    began = time.time()
    store = SqlAlchemyStore("sqlite:///" + db_path, artifacts)
    rng = random.Random(11)
    now = int(time.time() * 1000)
    first = now - 365 * DAY_MS
    total = EXPERIMENTS * RUNS_PER_EXPERIMENT
    running = set(rng.sample(range(total), RUNNING))
    runs, params, latest, metrics, tags = [], [], [], [], []
    counts = {"runs": 0, "params": 0, "metrics": 0, "tags": 0, "history_points": 0}

    def flush(force=False):
        with store.ManagedSessionMaker() as session:
            for model, rows in ((SqlRun, runs), (SqlParam, params), (SqlLatestMetric, latest),
                                (SqlMetric, metrics), (SqlTag, tags)):
                if rows and (force or len(rows) >= BATCH or model is SqlRun):
                    session.execute(insert(model.__table__), rows)
                    rows.clear()

    def add_run(experiment_id, index, name, is_running):
        run_id = uuid.UUID(int=rng.getrandbits(128)).hex
        start = first + index * (360 * DAY_MS // (total + HISTORY_RUNS)) + rng.randrange(60_000)
        end = None if is_running else start + rng.randrange(60_000, 3_600_000)
        user = "user%02d" % rng.randrange(25)
        runs.append(dict(run_uuid=run_id, name=name, source_type="LOCAL", source_name="train.py",
                         entry_point_name="", user_id=user,
                         status="RUNNING" if is_running else "FINISHED", start_time=start, end_time=end,
                         source_version="", lifecycle_stage="active",
                         artifact_uri="%s/%s/%s/artifacts" % (artifacts, experiment_id, run_id),
                         experiment_id=int(experiment_id)))
        for k in range(KEYS):
            value = (str(rng.choice([8, 16, 32, 64, 128, 256])) if k % 3 == 0
                     else "%.5f" % rng.random() if k % 3 == 1 else rng.choice(["adam", "sgd", "rmsprop", "lbfgs"]))
            params.append(dict(key="p%02d" % k, value=value, run_uuid=run_id))
            point = dict(key="m%02d" % k, value=rng.random() * (10 ** (k % 4)), timestamp=start + 1000 * k,
                         step=rng.randrange(1000), is_nan=False, run_uuid=run_id)
            latest.append(point)
            metrics.append(dict(point))
        for key, value in (("mlflow.runName", name), ("mlflow.user", user), ("mlflow.source.name", "train.py"),
                           ("mlflow.source.type", "LOCAL"), ("team", rng.choice(["vision", "nlp", "tabular"])),
                           ("mlflow.source.git.commit", "%040x" % rng.getrandbits(160))):
            tags.append(dict(key=key, value=value, run_uuid=run_id))
        counts["runs"] += 1
        counts["params"] += KEYS
        counts["metrics"] += KEYS
        counts["tags"] += 6
        return run_id, start

    index = 0
    for e in range(EXPERIMENTS):
        experiment_id = store.create_experiment("bench-%02d" % e)
        for r in range(RUNS_PER_EXPERIMENT):
            add_run(experiment_id, index, "run-%02d-%04d" % (e, r), index in running)
            index += 1
            if len(runs) >= 1000:
                flush()
    experiment_id = store.create_experiment("bench-histories")
    history_runs = []
    for r in range(HISTORY_RUNS):
        run_id, start = add_run(experiment_id, index, "long-%02d" % r, False)
        index += 1
        value = 2.5
        for step in range(HISTORY_STEPS):
            value = value * 0.99997 + rng.gauss(0, 0.002)
            metrics.append(dict(key="loss", value=value, timestamp=start + step * 10, step=step, is_nan=False,
                                run_uuid=run_id))
            if len(metrics) >= BATCH:
                flush()
        latest.append(dict(key="loss", value=value, timestamp=start + (HISTORY_STEPS - 1) * 10,
                           step=HISTORY_STEPS - 1, is_nan=False, run_uuid=run_id))
        counts["history_points"] += HISTORY_STEPS
        history_runs.append(run_id)
    flush(force=True)
    counts["experiments"] = EXPERIMENTS + 1
    counts["history_runs"] = history_runs
    counts["seconds"] = round(time.time() - began, 1)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
