"""Writes a local MLflow store with whatever MLflow is installed (1.x, 2.x or 3.x) and reads it back.

Used by dev.braid.experiments.MlflowStoreAgesTest. The store comes from MLFLOW_TRACKING_URI (a
sqlite:/// URI or a file:// mlruns folder); no server runs. Each feature is written only when the
installed MLflow has it (experiment tags, the model registry, registry tags, aliases, dataset
inputs), so the same script makes a store of every age. Every command prints one JSON document on
the last line of stdout.

  seed                 experiments, nested runs with metric histories (NaN included), params and tags,
                       an edited tag, a deleted run, a registered model with versions and, where the
                       MLflow has them, tags, aliases and dataset inputs
  set-alias MODEL ALIAS VERSION
                       points an alias at a version; answers the registered model's last update time
  dump                 everything the installed client reads back, in the shape the Java test compares,
                       with every run's get_metric_history of every metric it logged
"""
import json
import math
import sys

import mlflow
from mlflow.tracking import MlflowClient


def has(obj, name):
    return hasattr(obj, name) and callable(getattr(obj, name))


def version():
    return tuple(int(p) for p in mlflow.__version__.split(".")[:2])


def seed():
    client = MlflowClient()
    created = {"mlflow": mlflow.__version__}
    fraud = client.create_experiment("fraud-detection")
    if has(client, "set_experiment_tag"):
        client.set_experiment_tag(fraud, "team", "risk")
    mlflow.set_experiment("fraud-detection")
    children = []
    with mlflow.start_run(run_name="sweep") as parent:
        mlflow.set_tag("mlflow.runName", "sweep")
        mlflow.log_param("search", "grid")
        for i, lr in enumerate([0.1, 0.01]):
            with mlflow.start_run(run_name="trial-%d" % i, nested=True) as child:
                mlflow.set_tag("mlflow.runName", "trial-%d" % i)
                mlflow.log_params({"lr": lr, "depth": 3 + i})
                for step in range(4):
                    mlflow.log_metric("loss", 1.0 / (step + 1) + lr, step=step)
                mlflow.log_metric("same_step", 1.0, step=3)
                mlflow.log_metric("same_step", 2.0, step=3)
                if i == 1 and version() >= (1, 5):
                    # SQL stores keep NaN since MLflow 1.x added is_nan; 1.0 refuses it.
                    mlflow.log_metric("unstable", float("nan"), step=0)
                log_dataset(i)
                children.append(child.info.run_id)
        mlflow.log_metric("best_loss", 0.2)
    with mlflow.start_run(run_name="mistake") as mistake:
        mlflow.set_tag("mlflow.runName", "mistake")
    client.delete_run(mistake.info.run_id)
    client.set_tag(children[0], "stage", "reviewed")
    created["parent_run"] = parent.info.run_id
    created["child_runs"] = children
    created["deleted_run"] = mistake.info.run_id
    seed_registry(client, children, created)
    return created


def log_dataset(i):
    """Dataset inputs came with MLflow 2.4."""
    if not hasattr(mlflow, "log_input"):
        return
    import pandas as pd
    frame = pd.DataFrame({"amount": [1.0, 2.0, 3.0 + i], "label": [0, 1, 0]})
    mlflow.log_input(mlflow.data.from_pandas(frame, name="transactions", targets="label"), context="training")


def seed_registry(client, children, created):
    """The registry came with MLflow 1.4 (SQL stores) and 2.x (file stores); aliases with 2.3."""
    if not has(client, "create_registered_model"):
        return
    try:
        client.create_registered_model("fraud-model")
    except Exception as e:  # a file store of an MLflow without a file-based registry
        created["registry"] = "unsupported: %s" % type(e).__name__
        return
    if has(client, "set_registered_model_tag"):
        client.set_registered_model_tag("fraud-model", "owner", "risk")
    for run_id in children:
        client.create_model_version("fraud-model", "runs:/%s/model" % run_id, run_id)
    if has(client, "set_model_version_tag"):
        client.set_model_version_tag("fraud-model", "1", "trial", children[0][:8])
    if has(client, "set_registered_model_alias"):
        client.set_registered_model_alias("fraud-model", "champion", "2")
    created["registry"] = "seeded"


def run_name(run):
    name = getattr(run.info, "run_name", None)
    return name if name else run.data.tags.get("mlflow.runName")


def metric_value(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def dump():
    client = MlflowClient()
    if has(client, "search_experiments"):
        experiments = client.search_experiments()
    else:
        experiments = client.list_experiments()
    ids = [e.experiment_id for e in experiments]
    runs = []
    for run in client.search_runs(ids, max_results=50000):
        runs.append({
            "run_id": run.info.run_id,
            "experiment_id": run.info.experiment_id,
            "run_name": run_name(run),
            "status": run.info.status,
            "start_time": run.info.start_time,
            "end_time": run.info.end_time,
            "params": run.data.params,
            "metrics": {k: metric_value(v) for k, v in run.data.metrics.items()},
            "tags": run.data.tags,
        })
    models = []
    if has(client, "search_registered_models"):
        try:
            found = client.search_registered_models()
        except Exception:
            found = []
        for model in found:
            versions = client.search_model_versions("name='%s'" % model.name)
            aliases = dict(getattr(model, "aliases", {}) or {})
            models.append({
                "name": model.name,
                "tags": dict(getattr(model, "tags", {}) or {}),
                "aliases": {k: str(v) for k, v in aliases.items()},
                "versions": sorted([{"version": str(v.version), "run_id": v.run_id, "status": v.status,
                                     "tags": dict(getattr(v, "tags", {}) or {})} for v in versions],
                                   key=lambda v: -int(v["version"])),
            })
    histories = {run["run_id"]: {key: history(run["run_id"], key) for key in run["metrics"]} for run in runs}
    return {"experiments": [{"experiment_id": e.experiment_id, "name": e.name, "tags": dict(getattr(e, "tags", {}) or {})}
                            for e in experiments],
            "runs": runs, "models": models, "histories": histories}


def history(run_id, key):
    return [{"step": m.step, "timestamp": m.timestamp, "value": metric_value(m.value)}
            for m in MlflowClient().get_metric_history(run_id, key)]


def main(argv):
    command, args = argv[1], argv[2:]
    if command == "seed":
        result = seed()
    elif command == "set-alias":
        client = MlflowClient()
        client.set_registered_model_alias(*args)
        result = {"last_updated": client.get_registered_model(args[0]).last_updated_timestamp}
    elif command == "dump":
        result = dump()
    else:
        raise SystemExit("unknown command %s" % command)
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv)
