"""DAGs the Airflow tests run (dev.braid.testing.AirflowHarness copies this file into the DAGs folder).

braid_train: extract feeds train (fails on its first try, passes on its retry) and score (mapped
over three rows); report waits for both. braid_paused: never unpaused, never run.
"""
from datetime import datetime, timedelta

from airflow.sdk import dag, task


@dag(dag_id="braid_train", schedule=None, start_date=datetime(2026, 1, 1), catchup=False, tags=["braid", "training"])
def braid_train():
    @task
    def extract():
        return [1, 2, 3]

    @task(retries=1, retry_delay=timedelta(seconds=1))
    def train(rows, **context):
        if context["ti"].try_number == 1:
            raise RuntimeError("first try fails on purpose")
        return sum(rows)

    @task
    def score(x):
        return x * x

    @task
    def report(total, scores):
        print("total", total, "scores", list(scores))

    rows = extract()
    report(train(rows), score.expand(x=rows))


@dag(dag_id="braid_paused", schedule="@daily", start_date=datetime(2026, 1, 1), catchup=False, tags=["braid"])
def braid_paused():
    @task
    def nothing():
        return None

    nothing()


braid_train()
braid_paused()
