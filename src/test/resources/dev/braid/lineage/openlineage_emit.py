"""Emits OpenLineage events with the real openlineage-python client, and MLflow runs with the real
MLflow client, for the Java tests in dev.braid.lineage. Every command prints one JSON document on
the last line of stdout.

  files DIR                 scenario "perfile" through the file transport's default mode (one event
                            per file, DIR/perfile/ol-<time>.json) and scenario "append" through its
                            append mode (JSON Lines in DIR/append/events.jsonl)
  http URL [TOKEN] [gzip]   scenario "http" through the HTTP transport (POST URL/api/v1/lineage);
                            prints {"error": status} instead when the server refuses an event
  mlflow                    runs reading s3://bucket/raw/events.csv and a registered model with an
                            alias, and an MLflow 3 logged model registered as version 2 with another
                            alias, on the server in MLFLOW_TRACKING_URI

Each scenario: a parent run "<scenario>.nightly" with two children, "<scenario>.clean" (reads
raw/events.csv, writes <scenario>/features.parquet version v1 with column lineage, built from a git
commit) and "<scenario>.train" (reads that version, fails with an error message); a JobEvent for
"<scenario>.report" and a DatasetEvent for raw/events.csv.
"""
import json
import os
import sys
from datetime import datetime, timedelta, timezone

from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import (
    DatasetEvent, InputDataset, Job, JobEvent, OutputDataset, Run, RunEvent, RunState, StaticDataset)
from openlineage.client.facet_v2 import (
    column_lineage_dataset, dataset_version_dataset, error_message_run, parent_run, schema_dataset,
    source_code_location_job)
from openlineage.client.transport.file import FileConfig, FileTransport
from openlineage.client.uuid import generate_new_uuid

SHA = "89abcdef0123456789abcdef0123456789abcdef"
PRODUCER = "https://github.com/braid-dev/braid/tests"
START = datetime(2026, 3, 1, 9, 0, 0, tzinfo=timezone.utc)


def at(minutes):
    return (START + timedelta(minutes=minutes)).isoformat()


def scenario(client, name):
    nightly, clean, train = str(generate_new_uuid()), str(generate_new_uuid()), str(generate_new_uuid())
    parent = {"parent": parent_run.ParentRunFacet(
        run=parent_run.Run(runId=nightly), job=parent_run.Job(namespace="pipelines", name=f"{name}.nightly"))}
    code = {"sourceCodeLocation": source_code_location_job.SourceCodeLocationJobFacet(
        type="git", url=f"https://github.com/acme/fraud/blob/{SHA}/clean.py",
        repoUrl="git@github.com:acme/fraud.git", version=SHA)}
    raw = InputDataset(namespace="s3://bucket", name="raw/events.csv")
    features = f"{name}/features.parquet"
    version = {"version": dataset_version_dataset.DatasetVersionDatasetFacet(datasetVersion="v1")}
    written = OutputDataset(namespace="s3://bucket", name=features, facets={
        **version,
        "schema": schema_dataset.SchemaDatasetFacet(fields=[
            schema_dataset.SchemaDatasetFacetFields(name="amount", type="double")]),
        "columnLineage": column_lineage_dataset.ColumnLineageDatasetFacet(fields={
            "amount": column_lineage_dataset.Fields(
                inputFields=[column_lineage_dataset.InputField(
                    namespace="s3://bucket", name="raw/events.csv", field="amount")],
                transformationType="IDENTITY", transformationDescription="copied")})})
    read = InputDataset(namespace="s3://bucket", name=features, facets=version)

    def run_event(state, minutes, run_id, job, facets=None, job_facets=None, inputs=(), outputs=()):
        return RunEvent(eventType=state, eventTime=at(minutes), producer=PRODUCER,
                        run=Run(runId=run_id, facets=facets or {}),
                        job=Job(namespace="pipelines", name=f"{name}.{job}", facets=job_facets or {}),
                        inputs=list(inputs), outputs=list(outputs))

    events = [
        run_event(RunState.START, 0, nightly, "nightly"),
        run_event(RunState.START, 1, clean, "clean", parent, code, inputs=[raw]),
        run_event(RunState.COMPLETE, 5, clean, "clean", parent, code, inputs=[raw], outputs=[written]),
        run_event(RunState.START, 6, train, "train", parent, inputs=[read]),
        run_event(RunState.FAIL, 9, train, "train", {**parent, "errorMessage": error_message_run.ErrorMessageRunFacet(
            message="out of memory", programmingLanguage="python")}, inputs=[read]),
        run_event(RunState.COMPLETE, 10, nightly, "nightly"),
        JobEvent(eventTime=at(11), producer=PRODUCER, job=Job(namespace="pipelines", name=f"{name}.report"),
                 inputs=[InputDataset(namespace="s3://bucket", name=features)],
                 outputs=[OutputDataset(namespace="s3://bucket", name=f"{name}/report.html")]),
        DatasetEvent(eventTime=at(12), producer=PRODUCER, dataset=StaticDataset(
            namespace="s3://bucket", name="raw/events.csv", facets={"schema": schema_dataset.SchemaDatasetFacet(
                fields=[schema_dataset.SchemaDatasetFacetFields(name="amount", type="double")])})),
    ]
    for event in events:
        client.emit(event)
    return {"nightly": nightly, "clean": clean, "train": train, "events": len(events)}


def files(folder):
    per_file_dir = os.path.join(folder, "perfile")
    append_dir = os.path.join(folder, "append")
    os.makedirs(per_file_dir, exist_ok=True)
    os.makedirs(append_dir, exist_ok=True)
    per_file = OpenLineageClient(transport=FileTransport(FileConfig(log_file_path=os.path.join(per_file_dir, "ol"))))
    appended = OpenLineageClient(transport=FileTransport(
        FileConfig(log_file_path=os.path.join(append_dir, "events.jsonl"), append=True)))
    return {"perfile": scenario(per_file, "perfile"), "append": scenario(appended, "append")}


def http(url, token=None, compression=None):
    from openlineage.client.transport.http import ApiKeyTokenProvider, HttpCompression, HttpConfig, HttpTransport
    from requests.exceptions import HTTPError
    config = HttpConfig(url=url, timeout=30.0, retry={"total": 0},
                        auth=ApiKeyTokenProvider({"apiKey": token}) if token else HttpConfig(url=url).auth,
                        compression=HttpCompression(compression) if compression else None)
    client = OpenLineageClient(transport=HttpTransport(config))
    try:
        return scenario(client, "http")
    except HTTPError as error:
        return {"error": error.response.status_code, "body": error.response.text}


def mlflow_runs():
    import mlflow
    import numpy as np
    import pandas as pd
    from mlflow import MlflowClient

    mlflow.set_experiment("lineage")
    frame = pd.DataFrame({"amount": np.arange(10, dtype=float), "label": np.arange(10) % 2})
    located = mlflow.data.from_pandas(frame, source="s3://bucket/raw/events.csv", name="events", targets="label")
    in_memory = mlflow.data.from_pandas(frame.head(5), name="holdout", targets="label")
    with mlflow.start_run(run_name="sweep") as sweep:
        with mlflow.start_run(run_name="fit", nested=True) as fit:
            mlflow.set_tag("mlflow.source.git.commit", SHA)
            mlflow.set_tag("mlflow.source.git.repoURL", "https://github.com/acme/fraud.git")
            mlflow.log_input(located, context="training")
            mlflow.log_input(in_memory, context="eval")
    client = MlflowClient()
    client.create_registered_model("fraud")
    client.create_model_version("fraud", f"runs:/{fit.info.run_id}/model", run_id=fit.info.run_id)
    client.set_registered_model_alias("fraud", "champion", "1")
    # MLflow 3: the fit run logs a model, and version 2 is registered from it (source models:/m-...).
    experiment = mlflow.get_experiment_by_name("lineage")
    logged = client.create_logged_model(experiment.experiment_id, name="fraud-model", source_run_id=fit.info.run_id,
                                        model_type="sklearn")
    client.finalize_logged_model(logged.model_id, "READY")
    client.create_model_version("fraud", f"models:/{logged.model_id}", run_id=fit.info.run_id, model_id=logged.model_id)
    client.set_registered_model_alias("fraud", "challenger", "2")
    version = client.get_model_version("fraud", "2")
    first = client.get_model_version("fraud", "1")
    reported = client.get_logged_model(logged.model_id)
    return {"sweep": sweep.info.run_id, "fit": fit.info.run_id, "events_digest": located.digest,
            "holdout_digest": in_memory.digest, "logged_model": reported.model_id, "logged_model_name": reported.name,
            "logged_model_run": reported.source_run_id, "logged_model_status": str(reported.status),
            "version_2_source": version.source, "version_1_source": first.source}


def main(argv):
    command, args = argv[1], argv[2:]
    if command == "files":
        result = files(args[0])
    elif command == "http":
        result = http(args[0], args[1] if len(args) > 1 and args[1] else None, args[2] if len(args) > 2 else None)
    elif command == "mlflow":
        result = mlflow_runs()
    else:
        raise SystemExit(f"unknown command {command}")
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv)
