package dev.braid.cli;

import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineTrends;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of {@code braid pipelines}: field names are a contract (ADR 4), never renamed. */
final class PipelineFields {
    private PipelineFields() {
    }

    static Map<String, Object> run(PipelineRun run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", run.source());
        out.put("source_kind", run.sourceKind());
        out.put("id", run.id());
        out.put("number", run.number());
        out.put("status", run.status().word());
        out.put("source_status", run.sourceStatus());
        out.put("ref", run.ref());
        out.put("sha", run.sha());
        out.put("event", run.event());
        out.put("created_at", Times.iso(run.createdAt()));
        out.put("started_at", Times.iso(run.startedAt()));
        out.put("finished_at", Times.iso(run.finishedAt()));
        out.put("duration_s", seconds(run.durationMs()));
        out.put("url", run.url());
        return out;
    }

    static Map<String, Object> job(PipelineRun run, PipelineJob job) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", run.source());
        out.put("source_kind", run.sourceKind());
        out.put("id", job.id());
        out.put("number", null);
        out.put("status", job.status().word());
        out.put("source_status", job.sourceStatus());
        out.put("ref", run.ref());
        out.put("sha", run.sha());
        out.put("event", run.event());
        out.put("created_at", Times.iso(job.createdAt()));
        out.put("started_at", Times.iso(job.startedAt()));
        out.put("finished_at", Times.iso(job.finishedAt()));
        out.put("duration_s", seconds(job.durationMs()));
        out.put("url", job.url());
        out.put("name", job.name());
        out.put("stage", job.stage());
        out.put("attempt", job.attempt());
        out.put("needs", job.needs());
        return out;
    }

    static Map<String, Object> trends(PipelineTrends trends) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", trends.runs());
        out.put("failure_rate", round(trends.failureRate()));
        out.put("days", trends.days().stream().map(d -> {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("day", d.day().toString());
            day.put("runs", d.runs());
            day.put("failed", d.failed());
            day.put("failure_rate", round(d.failureRate()));
            day.put("median_s", seconds(d.medianMs()));
            day.put("p95_s", seconds(d.p95Ms()));
            return day;
        }).toList());
        out.put("jobs", jobs(trends.jobs()));
        out.put("slowest", jobs(trends.slowest()));
        out.put("flakiest", jobs(trends.flakiest()));
        return out;
    }

    private static List<Map<String, Object>> jobs(List<PipelineTrends.Job> jobs) {
        return jobs.stream().map(j -> {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("source", j.source());
            job.put("pipeline", j.pipeline());
            job.put("name", j.name());
            job.put("attempts", j.attempts());
            job.put("failures", j.failures());
            job.put("failure_rate", round(j.failureRate()));
            job.put("median_s", seconds(j.medianMs()));
            job.put("p95_s", seconds(j.p95Ms()));
            job.put("commits", j.commits());
            job.put("flaky", j.flaky());
            job.put("flaky_rate", round(j.flakyRate()));
            return job;
        }).toList();
    }

    /** Milliseconds as seconds with millisecond precision; null stays null. */
    static Double seconds(Long millis) {
        return millis == null ? null : millis / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** "4m 12s", "38s", "" for unknown. */
    static String duration(Long millis) {
        if (millis == null) {
            return "";
        }
        long s = millis / 1000;
        return s >= 3600 ? s / 3600 + "h " + s % 3600 / 60 + "m" : s >= 60 ? s / 60 + "m " + s % 60 + "s" : s + "s";
    }
}
