package dev.braid.pipelines;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * How pipelines have been doing: run durations (median and 95th percentile) and failure rate per
 * day, and per job the same plus flakiness, with the slowest and flakiest jobs listed. A job is
 * flaky on a commit when, on that commit, an attempt of it failed and a later one passed (a retry
 * in the same run, or a re-run of the commit).
 *
 * @param runs        finished runs looked at
 * @param failureRate failed / finished runs
 */
public record PipelineTrends(int runs, double failureRate, List<Day> days, List<Job> jobs, List<Job> slowest,
                             List<Job> flakiest, Instant from, Instant to) {
    public PipelineTrends {
        days = List.copyOf(days);
        jobs = List.copyOf(jobs);
        slowest = List.copyOf(slowest);
        flakiest = List.copyOf(flakiest);
    }

    /** One UTC day of runs: how many, how many failed, median and 95th percentile duration (ms, null without any). */
    public record Day(LocalDate day, int runs, int failed, Long medianMs, Long p95Ms) {
        public double failureRate() {
            return runs == 0 ? 0 : (double) failed / runs;
        }

        static LocalDate of(Instant time) {
            return time.atZone(ZoneOffset.UTC).toLocalDate();
        }
    }

    /**
     * One job (by source, pipeline and name) over the runs looked at.
     *
     * @param commits  commits it ran on
     * @param flaky    commits on which it failed and then passed
     */
    public record Job(String source, String pipeline, String name, int attempts, int failures, Long medianMs, Long p95Ms,
                      int commits, int flaky) {
        public double failureRate() {
            return attempts == 0 ? 0 : (double) failures / attempts;
        }

        public double flakyRate() {
            return commits == 0 ? 0 : (double) flaky / commits;
        }
    }
}
