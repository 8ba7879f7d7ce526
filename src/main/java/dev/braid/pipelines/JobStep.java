package dev.braid.pipelines;

/** One step of a job (a GitHub Actions step, a Jenkins stage's node): times in epoch ms, or null. */
public record JobStep(String name, PipelineStatus status, String sourceStatus, Long startedAt, Long finishedAt) {
}
