"""Logs MLflow runs that record which features they trained on, with the real MLflow client.

Used by dev.braid.features.FeatureUsageTest. The tracking server comes from MLFLOW_TRACKING_URI.
Each command prints one JSON document (the run ids it made) on its last line of stdout.

  before-v1              runs trained while customer_stats is at v0: one naming the feature service
                         fraud_model (registered as model fraud v1, alias champion), one with pinned
                         references (customer_stats@v0:...) in a param, one with unrelated params
  after-v1 DATA SAVED    runs trained after customer_stats moved to v1: unpinned references in a tag
                         (registered as fraud v2, alias challenger), an MLflow dataset input read from
                         the saved dataset's file SAVED, and one read from the view's source file DATA
"""
import json
import sys

import mlflow
import numpy as np
import pandas as pd
from mlflow import MlflowClient

EXPERIMENT = "fraud-features"


def run(name, params=None, tags=None, dataset_path=None):
    with mlflow.start_run(run_name=name) as active:
        for key, value in (params or {}).items():
            mlflow.log_param(key, value)
        for key, value in (tags or {}).items():
            mlflow.set_tag(key, value)
        if dataset_path:
            frame = pd.DataFrame({"amount": np.arange(4, dtype=float)})
            mlflow.log_input(mlflow.data.from_pandas(frame, source=dataset_path, name=name + "-data"), context="training")
        mlflow.log_metric("auc", 0.9)
        return active.info.run_id


def register(run_id, alias):
    client = MlflowClient()
    try:
        client.create_registered_model("fraud")
    except Exception:
        pass
    version = client.create_model_version("fraud", source="runs:/%s/model" % run_id, run_id=run_id)
    client.set_registered_model_alias("fraud", alias, version.version)
    return version.version


def main():
    mlflow.set_experiment(EXPERIMENT)
    command = sys.argv[1]
    out = {}
    if command == "before-v1":
        out["service_run"] = run("service-v0", params={"feast.feature_service": "fraud_model", "lr": "0.1"})
        out["champion"] = register(out["service_run"], "champion")
        out["pinned_run"] = run("pinned-v0", params={"features": "customer_stats@v0:avg_amount,customer_stats@v0:tx_count"})
        out["unrelated_run"] = run("unrelated", params={"window": "10:30", "optimizer": "adam"})
    elif command == "after-v1":
        data, saved = sys.argv[2], sys.argv[3]
        out["refs_run"] = run("refs-v1", tags={"feast.features": json.dumps(["customer_stats:avg_amount", "customer_stats:max_amount"])})
        out["challenger"] = register(out["refs_run"], "challenger")
        out["saved_run"] = run("saved-dataset", dataset_path=saved)
        out["source_run"] = run("raw-source", dataset_path=data)
    else:
        raise SystemExit("unknown command " + command)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
