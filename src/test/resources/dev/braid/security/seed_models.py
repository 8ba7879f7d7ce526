"""Logs models to an MLflow tracking server (MLFLOW_TRACKING_URI) with the real MLflow client, for
Braid's security tests. Prints one JSON document on its last line.

  seed PREFIX          registered model PREFIX-clf with
                         version 1: a scikit-learn model logged by mlflow.sklearn (skops format)
                         version 2: the same model in pickle format, its run also recording a
                                    requirements.txt at its artifact root
                         version 3: a deliberately malicious pickle logged as an artifact folder
                                    (an MLmodel, a requirements.txt and a model.pkl whose REDUCE
                                    calls os.system), registered from runs:/<run>/model
                       and the alias "production" on version 1
  alias MODEL ALIAS    the version an alias points at (null when unset)

Nothing is ever loaded from the malicious file; writing it only pickles a reference to os.system.
"""
import json
import os
import pickle
import sys
import tempfile

import numpy as np
import pandas as pd

import mlflow
from mlflow import MlflowClient
from sklearn.linear_model import LogisticRegression


class Payload:
    def __reduce__(self):
        return os.system, ("true",)


def seed(prefix):
    client = MlflowClient()
    name = f"{prefix}-clf"
    mlflow.set_experiment(f"{prefix}-models")
    rng = np.random.default_rng(3)
    x = rng.random((60, 3))
    y = (x[:, 0] > 0.5).astype(int)
    frame = pd.DataFrame(x, columns=["a", "b", "c"]).assign(label=y)
    model = LogisticRegression().fit(x, y)
    out = {"model": name, "runs": {}}
    with mlflow.start_run(run_name="train-skops") as run:
        mlflow.log_input(mlflow.data.from_pandas(frame, name="training", targets="label"), context="training")
        mlflow.log_params({"C": 1.0, "solver": "lbfgs"})
        mlflow.log_metric("accuracy", 0.93)
        mlflow.sklearn.log_model(model, name="model", registered_model_name=name)
        out["runs"]["skops"] = run.info.run_id
    with mlflow.start_run(run_name="train-pickle") as run:
        mlflow.log_metric("accuracy", 0.91)
        mlflow.sklearn.log_model(model, name="model", serialization_format="pickle", registered_model_name=name)
        # The training environment recorded by the run itself, beside the model (a pip freeze
        # logged with mlflow.log_artifact): it names a package the model's own files leave out.
        with tempfile.TemporaryDirectory() as tmp:
            frozen = os.path.join(tmp, "requirements.txt")
            with open(frozen, "w") as f:
                f.write("lightgbm==4.5.0\nscikit-learn==0.0.1\n")
            mlflow.log_artifact(frozen)
        out["runs"]["pickle"] = run.info.run_id
    with mlflow.start_run(run_name="malicious") as run:
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "model.pkl"), "wb") as f:
                pickle.dump(Payload(), f, protocol=4)
            with open(os.path.join(tmp, "MLmodel"), "w") as f:
                f.write("artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n"
                        "    model_path: model.pkl\n    python_version: 3.9.18\n    env:\n      virtualenv: python_env.yaml\n"
                        "  sklearn:\n    pickled_model: model.pkl\n    serialization_format: cloudpickle\n"
                        "    sklearn_version: 1.2.2\nmlflow_version: 2.9.2\n")
            with open(os.path.join(tmp, "requirements.txt"), "w") as f:
                f.write("mlflow==2.9.2\nscikit-learn==1.2.2\nnumpy==1.24.4\ncloudpickle==2.2.1\n")
            with open(os.path.join(tmp, "python_env.yaml"), "w") as f:
                f.write("python: 3.9.18\nbuild_dependencies:\n- pip==23.3\ndependencies:\n- -r requirements.txt\n")
            mlflow.log_artifacts(tmp, "model")
        out["runs"]["malicious"] = run.info.run_id
    client.create_model_version(name, f"runs:/{out['runs']['malicious']}/model", run_id=out["runs"]["malicious"])
    client.set_registered_model_alias(name, "production", "1")
    out["versions"] = sorted(v.version for v in client.search_model_versions(f"name='{name}'"))
    return out


def main(argv):
    if argv[1] == "seed":
        result = seed(argv[2])
    elif argv[1] == "alias":
        result = {"version": MlflowClient().get_registered_model(argv[2]).aliases.get(argv[3])}
    else:
        raise SystemExit(f"unknown command {argv[1]}")
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv)
