package dev.braid.demo;

import dev.braid.pipelines.JobData;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.RunData;
import dev.braid.pipelines.SourcePipeline;
import dev.braid.sync.Source;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo's data pipelines as the Airflow they ran in would show them: the {@code churn} DAG run
 * once per training-data refresh (the same periods as the demo's OpenLineage events), ingesting the
 * CRM table, validating it, building features and training; the ingest that timed out and passed on
 * its second try; a one-off {@code churn_holdout} run; a paused {@code churn_backfill} DAG that no
 * longer runs; the newest DAG run still training.
 */
final class DemoAirflow {
    static final String SOURCE_NAME = "demo-airflow";
    static final String DAG = "churn";
    private static final List<String[]> TASKS = List.of(
            new String[] {"ingest_customers"},
            new String[] {"validate_customers", "ingest_customers"},
            new String[] {"build_features", "validate_customers"},
            new String[] {"train", "build_features"},
            new String[] {"evaluate", "train"});
    private final Random random;

    DemoAirflow(long seed) {
        this.random = new Random(seed ^ 0xa1f10L);
    }

    /**
     * Adds the history as the source {@code name}, and tells {@code training} when each DAG run
     * ended or that it still runs, so that MLflow runs started by hand start outside its tasks.
     */
    Source add(PipelineService pipelines, List<DemoMlflowStore.Commit> commits, String name, Path workTree,
               DemoTraining training) {
        Map<String, String> logs = new LinkedHashMap<>();
        List<RunData> runs = runs(commits, logs);
        for (RunData run : runs) {
            if (run.finishedAt != null) {
                training.pipelineEnded(run.sha, run.finishedAt);
            } else {
                training.pipelineStillRunning(run.sha, run.createdAt);
            }
        }
        Source source = pipelines.addDemo("airflow", name, "http://airflow.example.org:8080", workTree.toString(), runs, logs);
        pipelines.saveDemoPipelines(source, List.of(
                new SourcePipeline(DAG, "Churn: ingest, features, train", false, "@monthly",
                        "Refreshes the customers table from the CRM and retrains the churn model on it.",
                        List.of("ml", "churn"), List.of("data-eng"), tasks()),
                new SourcePipeline("churn_holdout", null, false, null, "Builds the holdout set once.", List.of("ml"),
                        List.of("data-eng"), List.of(new SourcePipeline.Task("build_holdout", List.of(), false, "PythonOperator", 0))),
                new SourcePipeline("churn_backfill", null, true, "@daily", "Retired: backfilled 2024's features.",
                        List.of("ml", "retired"), List.of("data-eng"),
                        List.of(new SourcePipeline.Task("backfill_features", List.of(), true, "PythonOperator", 0)))));
        return source;
    }

    /**
     * The DAG runs, oldest first: the holdout run, then one {@code churn} run per training-data
     * refresh. The same every time for the same seed and commits ({@link DemoLineageEvents} reads
     * their times for the events Airflow's OpenLineage provider would have sent).
     */
    List<RunData> runs(List<DemoMlflowStore.Commit> commits, Map<String, String> logs) {
        Map<String, DemoMlflowStore.Commit> firstOfRefresh = new LinkedHashMap<>();
        for (DemoMlflowStore.Commit commit : commits) {
            firstOfRefresh.putIfAbsent(DemoLineageEvents.refreshOf(commit.timeMillis()), commit);
        }
        List<RunData> runs = new ArrayList<>();
        runs.add(holdout(commits.get(0)));
        List<DemoMlflowStore.Commit> refreshes = List.copyOf(firstOfRefresh.values());
        for (int i = 0; i < refreshes.size(); i++) {
            runs.add(churn(refreshes.get(i), i == refreshes.size() / 2, i == refreshes.size() - 1, logs));
        }
        return runs;
    }

    private static List<SourcePipeline.Task> tasks() {
        List<SourcePipeline.Task> out = new ArrayList<>();
        for (String[] t : TASKS) {
            out.add(new SourcePipeline.Task(t[0], t.length > 1 ? List.of(t[1]) : List.of(), false,
                    t[0].equals("train") ? "KubernetesPodOperator" : "PythonOperator", t[0].equals("ingest_customers") ? 2 : 0));
        }
        return out;
    }

    private RunData holdout(DemoMlflowStore.Commit commit) {
        long start = commit.timeMillis() + 30_000L;
        RunData run = dagRun("churn_holdout", "manual__" + logicalDate(start), commit, start, "manual");
        JobData job = task(run, "build_holdout", 1, start + 2_000, 180_000L, PipelineStatus.SUCCESS);
        run.jobs.add(job);
        return finish(run, job.finishedAt, PipelineStatus.SUCCESS);
    }

    private RunData churn(DemoMlflowStore.Commit commit, boolean ingestRetried, boolean stillTraining, Map<String, String> logs) {
        long start = commit.timeMillis() + 60_000L;
        RunData run = dagRun(DAG, "scheduled__" + logicalDate(start), commit, start, "scheduled");
        long t = start + 1_000 + random.nextInt(4_000);
        for (String[] spec : TASKS) {
            String task = spec[0];
            long duration = switch (task) {
                case "ingest_customers" -> 170_000L + random.nextInt(20_000);
                case "train" -> 600_000L + random.nextInt(300_000);
                default -> 40_000L + random.nextInt(60_000);
            };
            if (task.equals("ingest_customers") && ingestRetried) {
                JobData failed = task(run, task, 1, t, 30_000L, PipelineStatus.FAILED);
                failed.retried = true;
                run.jobs.add(failed);
                logs.put(run.runId + "/" + failed.jobId, ingestTimeout(run.runId));
                t = failed.finishedAt + 240_000L - 30_000L; // retry_delay: the next try starts four minutes after the first
            }
            JobData job = task(run, task, task.equals("ingest_customers") && ingestRetried ? 2 : 1, t, duration,
                    PipelineStatus.SUCCESS);
            if (spec.length > 1) {
                job.needs.add(spec[1]);
            }
            if (stillTraining && task.equals("train")) {
                job.status = PipelineStatus.RUNNING;
                job.sourceStatus = "running";
                job.finishedAt = null;
                job.durationMs = null;
                run.jobs.add(job);
                run.status = PipelineStatus.RUNNING;
                run.sourceStatus = "running";
                run.version = "running";
                return run;
            }
            run.jobs.add(job);
            t = job.finishedAt + 1_000 + random.nextInt(5_000);
        }
        return finish(run, run.jobs.get(run.jobs.size() - 1).finishedAt, PipelineStatus.SUCCESS);
    }

    /** A run id's date as Airflow writes it: {@code 2026-09-24T15:31:00+00:00}. */
    private static String logicalDate(long millis) {
        return Instant.ofEpochMilli(millis).toString().replace("Z", "+00:00");
    }

    private static RunData dagRun(String dag, String runId, DemoMlflowStore.Commit commit, long start, String type) {
        RunData run = new RunData(dag + "/" + runId);
        run.pipeline = dag;
        run.ref = "main";
        run.sha = commit.id();
        run.event = type;
        run.author = commit.user();
        run.createdAt = start - 1_000L;
        run.startedAt = start;
        run.url = "http://airflow.example.org:8080/dags/" + dag + "/runs/" + runId;
        return run;
    }

    private static JobData task(RunData run, String task, int attempt, long start, long duration, PipelineStatus status) {
        JobData job = new JobData(task + "#" + attempt, task);
        job.attempt = attempt;
        job.status = status;
        job.sourceStatus = status.word();
        job.createdAt = start - 500L;
        job.startedAt = start;
        job.finishedAt = start + duration;
        job.runner = task.equals("train") ? "gpu-pool" : "default_pool";
        job.url = run.url + "/tasks/" + task + "?try_number=" + attempt;
        return job;
    }

    private static RunData finish(RunData run, long end, PipelineStatus status) {
        run.status = status;
        run.sourceStatus = status.word();
        run.finishedAt = end;
        run.version = Long.toString(end);
        return run;
    }

    private static String ingestTimeout(String runId) {
        return "[" + runId + "] INFO - Executing <Task(PythonOperator): ingest_customers>\n"
                + "INFO - Connecting to crm.acme.internal:5432\n"
                + "ERROR - Task failed with exception\n"
                + "psycopg2.OperationalError: connection to crm.acme.internal:5432 timed out after 30 s\n"
                + "INFO - Marking task as UP_FOR_RETRY. dag_id=churn, task_id=ingest_customers, try_number=1\n";
    }
}
