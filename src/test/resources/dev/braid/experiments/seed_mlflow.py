"""Seeds an MLflow tracking server with the real MLflow client and reads it back.

Used by the Java tests in dev.braid.experiments. The tracking server comes from
MLFLOW_TRACKING_URI. Every command prints one JSON document on its last line of stdout.

  seed                      experiments, nested runs, histories, datasets, a deleted run, a tag
                            edited after its run finished, a run left RUNNING, registered models,
                            logged models (one made in a run and registered, one without a run,
                            one deleted)
  dump                      everything the client reads back (active experiments and runs, models,
                            logged models)
  history RUN_ID KEY        the client's get_metric_history
  new-run EXPERIMENT NAME   logs a finished run with a param and a metric
  set-tag RUN_ID KEY VALUE  sets a tag (on a finished run, say)
  delete-run RUN_ID         deletes a run
  finish-run RUN_ID         ends a RUNNING run with a last metric value
  get-run RUN_ID            a run's name and tags as the client reads them
  get-alias MODEL ALIAS     the version an alias points at (null when it is not set)
  set-alias MODEL ALIAS VERSION  points an alias at a version
  seed-local                what seed writes, plus metric edge cases, into a local store (a
                            sqlite:/// URI or a file:// mlruns folder), without a server
  list-artifacts RUN_ID     every artifact of a run, folders walked, as list_artifacts gives them
  download-artifacts RUN_ID DEST  the client's download_artifacts of the whole run into DEST
"""
import json
import os
import struct
import sys
import tempfile
import zlib

import numpy as np
import pandas as pd

import mlflow
from mlflow import MlflowClient

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def log_dataset(name, rows, context):
    frame = pd.DataFrame({"amount": np.arange(rows, dtype=float), "label": np.arange(rows) % 2})
    dataset = mlflow.data.from_pandas(frame, name=name, targets="label")
    mlflow.log_input(dataset, context=context)


def png_bytes(width, height):
    """A small RGB gradient as a PNG, written by hand so no imaging library is needed."""
    rows = b"".join(b"\x00" + b"".join(bytes([x * 255 // width, y * 255 // height, 160]) for x in range(width))
                    for y in range(height))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def log_artifacts():
    """Into the active run: a text file, nested folders, a small PNG and a file with no extension."""
    mlflow.log_text("baseline report\nauc 0.71\n", "report.txt")
    mlflow.log_dict({"model": "logreg", "C": 1.0}, "config/params.json")
    mlflow.log_text("depth: 2\nnote: nested\n", "config/nested/deep.yaml")
    mlflow.log_text("artifact_path: model\nflavors: {}\n", "model/MLmodel")
    with tempfile.TemporaryDirectory() as tmp:
        image = os.path.join(tmp, "curve.png")
        with open(image, "wb") as out:
            out.write(png_bytes(48, 32))
        mlflow.log_artifact(image, "plots")


def seed():
    client = MlflowClient()
    created = {"experiments": [], "deleted_runs": [], "running_runs": [], "edited_tags": []}
    fraud = mlflow.set_experiment("fraud-detection")
    client.set_experiment_tag(fraud.experiment_id, "team", "risk")
    children = []
    with mlflow.start_run(run_name="sweep") as parent:
        mlflow.set_tag("mlflow.source.git.commit", COMMIT)
        mlflow.log_param("search", "grid")
        for i, (lr, depth) in enumerate([(0.1, 3), (0.05, 5), (0.01, 8)]):
            with mlflow.start_run(run_name=f"trial-{i}", nested=True) as child:
                mlflow.log_params({"lr": lr, "depth": depth, "model": "xgb"})
                mlflow.set_tag("mlflow.source.git.commit", COMMIT)
                for step in range(6):
                    mlflow.log_metric("loss", 1.0 / (step + 1) + lr, step=step)
                    mlflow.log_metric("accuracy", 0.5 + step * 0.05 - lr, step=step)
                log_dataset("transactions", 20 + i, "training")
                log_dataset("holdout", 10, "eval")
                mlflow.log_text(f"trial {i}\n", "notes/readme.txt")
                children.append(child.info.run_id)
        mlflow.log_metric("best_loss", 0.2)
    churn = mlflow.set_experiment("churn")
    with mlflow.start_run(run_name="baseline") as baseline:
        mlflow.log_param("model", "logreg")
        mlflow.log_metric("auc", 0.71)
        mlflow.set_tag("stage", "draft")
        mlflow.set_tag("mlflow.note.content", "first try")
        log_artifacts()
        packaged = log_model_in_run()
    client.set_tag(baseline.info.run_id, "stage", "reviewed")
    created["edited_tags"].append({"run_id": baseline.info.run_id, "key": "stage", "value": "reviewed"})
    with mlflow.start_run(run_name="mistake") as mistake:
        mlflow.log_param("model", "oops")
    client.delete_run(mistake.info.run_id)
    created["deleted_runs"].append(mistake.info.run_id)
    running = client.create_run(churn.experiment_id, run_name="still-running")
    client.log_param(running.info.run_id, "model", "rf")
    client.log_metric(running.info.run_id, "auc", 0.6, step=0)
    created["running_runs"].append(running.info.run_id)
    mlflow.set_experiment("empty-experiment")
    seed_registry(client, children, created)
    seed_logged_models(client, packaged, fraud.experiment_id, created)
    created["parent_run"] = parent.info.run_id
    created["artifact_run"] = baseline.info.run_id
    created["child_runs"] = children
    created["experiments"] = [fraud.experiment_id, churn.experiment_id]
    return created


def seed_registry(client, children, created):
    client.create_registered_model("fraud-model", tags={"owner": "risk"}, description="fraud classifier")
    for run_id in children[:2]:
        client.create_model_version("fraud-model", f"runs:/{run_id}/model", run_id=run_id, tags={"trial": run_id[:8]})
    client.set_registered_model_alias("fraud-model", "champion", "2")
    client.set_registered_model_alias("fraud-model", "challenger", "1")
    client.create_registered_model("churn-model")
    created["models"] = ["fraud-model", "churn-model"]


def log_model_in_run():
    """A logged model made in the active run, with params, tags and metrics (one per dataset)."""
    model = mlflow.initialize_logged_model(name="churn-logreg", model_type="classifier",
                                           params={"C": "0.5", "penalty": "l2"}, tags={"framework": "sklearn"})
    holdout = mlflow.data.from_pandas(pd.DataFrame({"amount": [1.0, 2.0], "label": [0, 1]}), name="holdout",
                                      targets="label")
    mlflow.log_metric("val_auc", 0.69, step=0, model_id=model.model_id)
    mlflow.log_metric("val_auc", 0.73, step=1, model_id=model.model_id)
    mlflow.log_metric("val_auc", 0.7, step=1, model_id=model.model_id, dataset=holdout)
    mlflow.finalize_logged_model(model.model_id, "READY")
    return model


def seed_logged_models(client, packaged, experiment_id, created):
    """Registers the model logged in a run, adds one without a run (left PENDING) and deletes another."""
    version = mlflow.register_model(f"models:/{packaged.model_id}", "churn-model")
    client.set_registered_model_alias("churn-model", "production", version.version)
    draft = mlflow.initialize_logged_model(name="fraud-draft", experiment_id=experiment_id)
    gone = mlflow.initialize_logged_model(name="discarded", experiment_id=experiment_id)
    client.delete_logged_model(gone.model_id)
    created["logged_models"] = {"registered": packaged.model_id, "draft": draft.model_id, "deleted": gone.model_id}


def dump_logged_models(experiment_ids):
    out = []
    for m in mlflow.search_logged_models(experiment_ids=experiment_ids, output_format="list"):
        out.append({
            "model_id": m.model_id,
            "experiment_id": m.experiment_id,
            "name": m.name,
            "source_run_id": m.source_run_id,
            "status": str(m.status),
            "model_type": m.model_type,
            "artifact_location": m.artifact_location,
            "creation_timestamp": m.creation_timestamp,
            "params": m.params,
            "tags": m.tags,
            "metrics": sorted([{"key": x.key, "value": x.value, "step": x.step, "timestamp": x.timestamp,
                                "run_id": x.run_id, "dataset_name": x.dataset_name,
                                "dataset_digest": x.dataset_digest} for x in m.metrics or []],
                              key=lambda x: (x["key"], x["step"], x["timestamp"], x["dataset_name"] or "")),
        })
    return sorted(out, key=lambda m: m["model_id"])


def dump():
    client = MlflowClient()
    experiments = client.search_experiments()
    ids = [e.experiment_id for e in experiments]
    runs = []
    for run in client.search_runs(ids, max_results=50000):
        runs.append({
            "run_id": run.info.run_id,
            "experiment_id": run.info.experiment_id,
            "run_name": run.info.run_name,
            "status": run.info.status,
            "start_time": run.info.start_time,
            "end_time": run.info.end_time,
            "params": run.data.params,
            "metrics": run.data.metrics,
            "tags": run.data.tags,
            "datasets": sorted(
                [{"name": d.dataset.name, "digest": d.dataset.digest,
                  "context": next((t.value for t in d.tags if t.key == "mlflow.data.context"), "")}
                 for d in run.inputs.dataset_inputs],
                key=lambda d: (d["name"], d["context"], d["digest"])),
        })
    models = []
    for model in client.search_registered_models():
        versions = client.search_model_versions(f"name='{model.name}'")
        models.append({
            "name": model.name,
            "description": model.description or None,
            "tags": model.tags,
            "aliases": dict(model.aliases),
            "versions": sorted([{"version": v.version, "run_id": v.run_id, "status": v.status,
                                 # search results leave aliases out; get_model_version has them
                                 "aliases": sorted(client.get_model_version(model.name, v.version).aliases),
                                 "tags": v.tags} for v in versions],
                               key=lambda v: -int(v["version"])),
        })
    return {"experiments": [{"experiment_id": e.experiment_id, "name": e.name, "tags": e.tags} for e in experiments],
            "runs": runs, "models": models, "logged_models": dump_logged_models(ids)}


def history(run_id, key):
    return [{"step": m.step, "timestamp": m.timestamp, "value": m.value}
            for m in MlflowClient().get_metric_history(run_id, key)]


def new_run(experiment, name):
    mlflow.set_experiment(experiment)
    with mlflow.start_run(run_name=name) as run:
        mlflow.log_param("model", "new")
        mlflow.log_metric("auc", 0.9)
    return {"run_id": run.info.run_id}


def seed_local():
    created = seed()
    mlflow.set_experiment("edge-cases")
    with mlflow.start_run(run_name="edges") as run:
        mlflow.log_metric("same_step", 1.0, step=3, timestamp=1000)
        mlflow.log_metric("same_step", 2.0, step=3, timestamp=2000)
        mlflow.log_metric("same_step", 5.0, step=1, timestamp=9000)
        mlflow.log_metric("nan", float("nan"), step=0)
        mlflow.log_metric("inf", float("inf"), step=0)
        mlflow.log_param("long", "x" * 600)
    created["edge_run"] = run.info.run_id
    return created


def list_artifacts(run_id):
    client = MlflowClient()
    found = []

    def walk(path):
        for info in client.list_artifacts(run_id, path):
            found.append({"path": info.path, "is_dir": info.is_dir, "file_size": info.file_size})
            if info.is_dir:
                walk(info.path)

    walk(None)
    return found


def main(argv):
    command, args = argv[1], argv[2:]
    client = MlflowClient()
    if command == "seed":
        result = seed()
    elif command == "seed-local":
        result = seed_local()
    elif command == "dump":
        result = dump()
    elif command == "history":
        result = history(*args)
    elif command == "new-run":
        result = new_run(*args)
    elif command == "set-tag":
        client.set_tag(*args)
        result = {"ok": True}
    elif command == "delete-run":
        client.delete_run(args[0])
        result = {"ok": True}
    elif command == "finish-run":
        client.log_metric(args[0], "auc", 0.65, step=1)
        client.set_terminated(args[0], "FINISHED")
        result = {"ok": True}
    elif command == "list-artifacts":
        result = list_artifacts(args[0])
    elif command == "download-artifacts":
        result = {"local_path": MlflowClient().download_artifacts(args[0], "", args[1])}
    elif command == "get-run":
        run = client.get_run(args[0])
        result = {"run_name": run.info.run_name, "tags": run.data.tags}
    elif command == "get-alias":
        aliases = client.get_registered_model(args[0]).aliases
        result = {"version": aliases.get(args[1])}
    elif command == "set-alias":
        client.set_registered_model_alias(*args)
        result = {"ok": True}
    else:
        raise SystemExit(f"unknown command {command}")
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv)
