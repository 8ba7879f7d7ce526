package dev.braid.experiments.wandb;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One W&B run as its {@code .wandb} log records it. Config and summary keys are flattened with
 * dots ({@code layers.hidden}), as W&B's own tools show them, without W&B's internal
 * {@code _wandb} entries; their values are JSON texts. {@code history} holds every numeric value
 * of every user metric (keys not starting with an underscore), in logged order. Times are epoch
 * milliseconds; {@code exitCode} and {@code endTime} are null while the run has not exited.
 */
public record WandbRun(String runId, String entity, String project, String name, String notes, List<String> tags,
                       String group, String jobType, String host, Long startTime, Long endTime, Integer exitCode,
                       String gitCommit, String gitRemote, SortedMap<String, String> config,
                       SortedMap<String, String> summary, Map<String, List<WandbPoint>> history,
                       List<WandbArtifact> logged, List<WandbArtifactUse> used, boolean truncated, String folder) {
    public WandbRun {
        tags = List.copyOf(tags);
        config = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(config));
        summary = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(summary));
        history = Map.copyOf(history);
        logged = List.copyOf(logged);
        used = List.copyOf(used);
    }

    /** MLflow's words for the run's state: FINISHED (exit code 0), FAILED (any other) or RUNNING (no exit recorded). */
    public String status() {
        if (exitCode == null) {
            return "RUNNING";
        }
        return exitCode == 0 ? "FINISHED" : "FAILED";
    }

    /** A point of a metric's history: W&B's step, the time it was logged (epoch ms) and its value. */
    public record WandbPoint(long step, long timestamp, double value) {
    }

    /**
     * A file of an artifact's manifest: its path in the artifact, W&B's digest (base64 MD5, or an
     * object store's ETag for a reference) and size; {@code ref} is the URI of a reference entry
     * ({@code s3://bucket/key}, {@code gs://…}, {@code file:///…}), null for a file W&B stores.
     */
    public record ManifestEntry(String path, String digest, long size, String ref) {
        public ManifestEntry(String path, String digest, long size) {
            this(path, digest, size, null);
        }
    }

    /**
     * An artifact version: name, type, W&B's manifest digest, aliases and files; {@code version}
     * is the server's number ({@code v3}), null for an offline run, where W&B has not numbered it yet.
     */
    public record WandbArtifact(String name, String type, String digest, List<String> aliases, List<ManifestEntry> files,
                                String version) {
        public WandbArtifact {
            aliases = List.copyOf(aliases);
            files = List.copyOf(files);
        }

        public WandbArtifact(String name, String type, String digest, List<String> aliases, List<ManifestEntry> files) {
            this(name, type, digest, aliases, files, null);
        }
    }

    /** An artifact the run used ({@code run.use_artifact}): W&B's id when it had one, name and type. */
    public record WandbArtifactUse(String id, String name, String type) {
    }
}
