package dev.braid.lineage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An MLflow run that recorded the commit it ran at, with what says which files it read: its entry
 * point ({@code mlflow.source.name}, the script a pipeline stage runs) and the locations of its
 * dataset inputs. {@code repoUrl} is its {@code mlflow.source.git.repoURL}, or empty.
 */
public record CommittedRun(NodeId run, String sha, Instant startedAt, String entryPoint, String repoUrl,
                           List<String> datasetLocations) {
    public CommittedRun {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(startedAt, "startedAt");
        entryPoint = entryPoint == null ? "" : entryPoint;
        repoUrl = repoUrl == null ? "" : repoUrl;
        datasetLocations = List.copyOf(datasetLocations);
    }

    static final class Builder {
        private final NodeId run;
        private final String sha;
        private final Instant startedAt;
        private final String entryPoint;
        private final String repoUrl;
        final List<String> datasets = new ArrayList<>();

        Builder(NodeId run, String sha, Instant startedAt, String entryPoint, String repoUrl) {
            this.run = run;
            this.sha = sha;
            this.startedAt = startedAt;
            this.entryPoint = entryPoint;
            this.repoUrl = repoUrl;
        }

        CommittedRun build() {
            return new CommittedRun(run, sha, startedAt, entryPoint, repoUrl, datasets);
        }
    }
}
