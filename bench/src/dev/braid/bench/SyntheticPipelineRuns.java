package dev.braid.bench;

import dev.braid.pipelines.JobData;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.PipelineStore;
import dev.braid.pipelines.RunData;
import dev.braid.store.Database;
import dev.braid.sync.SourceStore;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs of 10 jobs added to a GitLab source named "bulk" as a sync publishes them (staged, then
 * published, 5,000 a transaction): one a minute, a third on {@code main} and the rest on 50
 * feature branches, seven statuses in turn, queue times of 0–39 s (many equal), run times of 1–16
 * minutes, and one run in 97 that never started (no start time, duration or queue time).
 */
final class SyntheticPipelineRuns {
    static final long FIRST_CREATED = 1_700_000_000_000L;
    private static final String[] STATUSES = {"SUCCESS", "SUCCESS", "SUCCESS", "FAILED", "CANCELED", "SUCCESS", "RUNNING"};

    private SyntheticPipelineRuns() {
    }

    /** Adds {@code count} runs; returns the wall and the CPU seconds it took. */
    static double[] fill(Database db, SourceStore sources, int count) {
        if (count == 0) {
            return new double[] {0, 0};
        }
        var threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long sourceId = db.write(c -> sources.insert(c, "gitlab", "bulk", Map.of("url", "https://gitlab.example.org",
                "project", "bulk", "demo", "true")).id());
        PipelineStore store = new PipelineStore();
        for (int from = 0; from < count; from += 5_000) {
            int start = from;
            db.write(c -> {
                List<RunData> batch = new ArrayList<>();
                for (int i = start; i < Math.min(count, start + 5_000); i++) {
                    batch.add(run(i));
                }
                store.stage(c, sourceId, batch);
                store.publish(c, sourceId, false, Set.of());
                return null;
            });
        }
        return new double[] {(System.nanoTime() - t0) / 1e9, (threads.getCurrentThreadCpuTime() - cpu) / 1e9};
    }

    /** When the newest of {@code count} synthetic runs was created. */
    static long newestCreated(int count) {
        return FIRST_CREATED + Math.max(0, count - 1) * 60_000L;
    }

    /** A commit hash as random-looking as git's, the same for the same run. */
    static String sha(int i) {
        return String.format("%016x%016x%08x", i * 0x9E3779B97F4A7C15L, (i + 7) * 0xC2B2AE3D27D4EB4FL, i);
    }

    private static RunData run(int i) {
        RunData run = new RunData("b" + i);
        run.number = (long) i;
        run.status = PipelineStatus.valueOf(STATUSES[i % STATUSES.length]);
        run.ref = i % 3 == 0 ? "main" : "feature/" + (i % 50);
        run.sha = sha(i);
        run.createdAt = FIRST_CREATED + i * 60_000L;
        if (i % 97 != 0) {
            run.startedAt = run.createdAt + (i % 40) * 1000L;
            run.finishedAt = run.startedAt + 60_000L + (i * 7919L) % 900_000L;
        }
        for (int j = 0; j < 10; j++) {
            JobData job = new JobData(Integer.toString(j), "job-" + j);
            job.stage = j < 3 ? "build" : j < 8 ? "test" : "deploy";
            job.status = run.status;
            job.startedAt = run.startedAt;
            job.finishedAt = run.finishedAt;
            run.jobs.add(job);
        }
        return run;
    }
}
