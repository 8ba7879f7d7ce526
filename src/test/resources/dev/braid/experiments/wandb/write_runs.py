"""Writes real W&B offline runs into the current folder (a git repository): a run with a config,
a metric history of STEPS steps, tags, notes and a logged dataset artifact, and a second run that
logs a reference to the same file (file://) and fails. (W&B refuses use_artifact in offline mode, so no run here uses one.) Prints the run ids."""
import json
import os
import sys

import wandb

STEPS = int(sys.argv[1]) if len(sys.argv) > 1 else 3000

os.environ["WANDB_MODE"] = "offline"
os.environ["WANDB_SILENT"] = "true"
os.environ["WANDB_DISABLE_CODE"] = "true"

runs = []

with open("data.csv", "w") as f:
    f.write("x,y\n1,2\n3,4\n")

first = wandb.init(project="churn", name="baseline", notes="first try", tags=["baseline", "cpu"],
                   config={"lr": 0.01, "epochs": 3, "optimizer": "adam", "layers": {"hidden": 64}})
dataset = wandb.Artifact("training-data", type="dataset", metadata={"rows": 2})
dataset.add_file("data.csv")
first.log_artifact(dataset, aliases=["latest", "v-first"])
for step in range(STEPS):
    first.log({"loss": 1.0 / (step + 1), "acc": step / STEPS})
first.summary["best_acc"] = 0.99
runs.append(first.id)
first.finish()

second = wandb.init(project="churn", name="wider", tags=["wide"], config={"lr": 0.001, "epochs": 5})
# A reference to the same file by its location (file://): W&B records the URI in the manifest.
reference = wandb.Artifact("raw-data", type="dataset")
reference.add_reference("file://" + os.path.abspath("data.csv"))
second.log_artifact(reference)
for step in range(10):
    second.log({"loss": 2.0 / (step + 1)}, step=step * 2)
runs.append(second.id)
second.finish(exit_code=1)

print(json.dumps({"runs": runs}))
