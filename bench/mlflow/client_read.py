"""What the experiments benchmark compares Braid's full sync with: the MLflow Python client reading
the same data from the same server.

    MLFLOW_TRACKING_URI=http://127.0.0.1:PORT python client_read.py RUN_ID...

Times `search_runs` over every active experiment (all pages of 1,000 runs, MLflow's page limit),
then `get_metric_history(run_id, "loss")` for each run id given. Prints one JSON line.
"""
import json
import sys
import time

from mlflow.entities import ViewType
from mlflow.tracking import MlflowClient


def main():
    client = MlflowClient()
    began = time.perf_counter()
    experiment_ids = [e.experiment_id for e in client.search_experiments(view_type=ViewType.ACTIVE_ONLY,
                                                                         max_results=1000)]
    runs, token = 0, None
    values = 0
    while True:
        page = client.search_runs(experiment_ids, run_view_type=ViewType.ACTIVE_ONLY, max_results=1000,
                                  page_token=token)
        runs += len(page)
        values += sum(len(r.data.params) + len(r.data.metrics) + len(r.data.tags) for r in page)
        token = page.token
        if not token:
            break
    searched = time.perf_counter()
    points = 0
    for run_id in sys.argv[1:]:
        points += len(client.get_metric_history(run_id, "loss"))
    done = time.perf_counter()
    print(json.dumps({"runs": runs, "values": values, "points": points, "search_s": searched - began,
                      "history_s": done - searched, "total_s": done - began}))


if __name__ == "__main__":
    main()
