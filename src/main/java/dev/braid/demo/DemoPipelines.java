package dev.braid.demo;

import dev.braid.pipelines.JobData;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.RunData;
import dev.braid.sync.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo repository's CI history, as its {@code .gitlab-ci.yml} would have run it: a pipeline per
 * commit on main (the newest 80, and every older commit whose models CI trained) with check,
 * pipeline and publish stages; a flaky {@code test} job that fails and passes on a retry; a run
 * whose training failed and the next commit that fixed it; the newest still training. The
 * {@code train} job trains the commit's baseline or sweep ({@link DemoTraining#runsTrainedInCi}):
 * it runs as long as those MLflow runs take and is recorded in {@link DemoTraining}, so that the
 * MLflow store places them inside it; where nothing is to be trained, DVC skips the stage at once.
 */
final class DemoPipelines {
    static final String SOURCE_NAME = "demo-gitlab-ci";
    static final int RUNS = 80;
    private final Random random;

    DemoPipelines(long seed) {
        this.random = new Random(seed ^ 0x5eed);
    }

    Source add(PipelineService pipelines, List<DemoMlflowStore.Commit> commits, String name, java.nio.file.Path workTree,
               DemoTraining training) {
        Map<String, Integer> trained = DemoTraining.runsTrainedInCi(commits);
        List<DemoMlflowStore.Commit> built = new ArrayList<>();
        for (int i = 0; i < commits.size(); i++) {
            if (i >= commits.size() - RUNS || trained.containsKey(commits.get(i).id())) {
                built.add(commits.get(i));
            }
        }
        List<RunData> runs = new ArrayList<>();
        Map<String, String> logs = new LinkedHashMap<>();
        // The training that failed (and was fixed by the next commit) is one that had nothing logged yet.
        int failing = built.size() - 6;
        while (failing > 0 && trained.containsKey(built.get(failing).id())) {
            failing--;
        }
        for (int i = 0; i < built.size(); i++) {
            DemoMlflowStore.Commit commit = built.get(i);
            RunData run = run(i, commit, i == failing, i == built.size() - 1, trained.getOrDefault(commit.id(), 0), logs,
                    training);
            if (run.finishedAt != null) {
                training.pipelineEnded(commit.id(), run.finishedAt);
            } else {
                training.pipelineStillRunning(commit.id(), run.createdAt);
            }
            runs.add(run);
        }
        return pipelines.addDemo("gitlab", name, "https://gitlab.example.org", workTree.toString(), runs, logs);
    }

    private RunData run(int i, DemoMlflowStore.Commit commit, boolean trainingFails, boolean stillRunning, int mlflowRuns,
                        Map<String, String> logs, DemoTraining training) {
        RunData run = new RunData(Integer.toString(4_000 + i));
        run.number = (long) (300 + i);
        run.pipeline = "demo/ml-project";
        run.ref = "main";
        run.sha = commit.id();
        run.event = i % 11 == 0 ? "schedule" : "push";
        run.author = commit.user();
        run.createdAt = commit.timeMillis() + 30_000;
        run.url = "https://gitlab.example.org/demo/ml-project/-/pipelines/" + run.runId;
        long t = run.createdAt + 4_000 + random.nextInt(20_000);
        run.startedAt = t;
        long jobId = 90_000L + i * 20L;
        long checkEnd = t;
        for (String name : new String[] {"lint", "test", "validate-data"}) {
            long duration = switch (name) {
                case "lint" -> 35_000 + random.nextInt(15_000);
                case "test" -> 110_000 + random.nextInt(90_000);
                default -> 50_000 + random.nextInt(30_000);
            };
            long queued = 3_000 + random.nextInt(30_000);
            if (name.equals("test") && i % 9 == 4) {
                JobData first = job(jobId++, name, "check", run.createdAt, t + queued, duration / 2, PipelineStatus.FAILED);
                run.jobs.add(first);
                logs.put(run.runId + "/" + first.jobId, DemoJobLogs.flakyTest());
                JobData retry = job(jobId++, name, "check", first.finishedAt, first.finishedAt + 4_000, duration, PipelineStatus.SUCCESS);
                retry.attempt = 2;
                run.jobs.add(retry);
                checkEnd = Math.max(checkEnd, retry.finishedAt);
            } else {
                JobData job = job(jobId++, name, "check", run.createdAt, t + queued, duration, PipelineStatus.SUCCESS);
                run.jobs.add(job);
                checkEnd = Math.max(checkEnd, job.finishedAt);
            }
        }
        JobData repro = job(jobId++, "repro", "pipeline", checkEnd, checkEnd + 5_000, 240_000 + random.nextInt(120_000),
                PipelineStatus.SUCCESS);
        run.jobs.add(repro);
        long trainTime = 540_000 + random.nextInt(360_000);
        if (mlflowRuns > 0) {
            // As long as the runs it logs take: about four minutes each, one after another.
            trainTime = 60_000L + mlflowRuns * (210_000L + random.nextInt(60_000));
        } else if (!trainingFails) {
            trainTime = 25_000 + random.nextInt(20_000);
        }
        JobData train = job(jobId++, "train", "pipeline", repro.finishedAt, repro.finishedAt + 8_000 + random.nextInt(40_000),
                trainTime, trainingFails ? PipelineStatus.FAILED : PipelineStatus.SUCCESS);
        train.needs.add("repro");
        train.runner = "gpu-runner-1";
        run.jobs.add(train);
        logs.put(run.runId + "/" + train.jobId, trainingFails ? DemoJobLogs.failedTraining()
                : mlflowRuns > 0 ? DemoJobLogs.training(commit.id(), mlflowRuns) : DemoJobLogs.trainingSkipped());
        if (mlflowRuns > 0) {
            training.trained(commit.id(), new DemoTraining.Job(run.runId, run.number, train.jobId, train.startedAt,
                    train.finishedAt, stillRunning));
        }
        if (stillRunning) {
            train.status = PipelineStatus.RUNNING;
            train.sourceStatus = "running";
            train.finishedAt = null;
            train.durationMs = null;
            logs.remove(run.runId + "/" + train.jobId);
            run.status = PipelineStatus.RUNNING;
            run.sourceStatus = "running";
            run.version = "running";
            return run;
        }
        JobData metrics = job(jobId++, "metrics-diff", "pipeline", repro.finishedAt, repro.finishedAt + 3_000,
                25_000 + random.nextInt(10_000), PipelineStatus.SUCCESS);
        metrics.needs.add("repro");
        run.jobs.add(metrics);
        long end = Math.max(train.finishedAt, metrics.finishedAt);
        if (!trainingFails) {
            JobData push = job(jobId, "push-artifacts", "publish", end, end + 4_000, 40_000 + random.nextInt(20_000),
                    PipelineStatus.SUCCESS);
            push.needs.add("train");
            run.jobs.add(push);
            end = push.finishedAt;
        } else {
            JobData push = job(jobId, "push-artifacts", "publish", end, null, 0, PipelineStatus.SKIPPED);
            push.needs.add("train");
            run.jobs.add(push);
        }
        run.status = trainingFails ? PipelineStatus.FAILED : PipelineStatus.SUCCESS;
        run.sourceStatus = run.status.word();
        run.finishedAt = end;
        run.version = Long.toString(end);
        return run;
    }

    private static JobData job(long id, String name, String stage, long created, Long started, long duration,
                               PipelineStatus status) {
        JobData job = new JobData(Long.toString(id), name);
        job.stage = stage;
        job.status = status;
        job.sourceStatus = status.word();
        job.createdAt = created;
        job.startedAt = started;
        job.finishedAt = started == null ? null : started + duration;
        job.runner = "shared-runner-" + (1 + id % 3);
        job.url = "https://gitlab.example.org/demo/ml-project/-/jobs/" + id;
        return job;
    }
}
