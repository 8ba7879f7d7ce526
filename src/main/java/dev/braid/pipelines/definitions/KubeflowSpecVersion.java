package dev.braid.pipelines.definitions;

import java.time.Instant;

/**
 * A Kubeflow pipeline spec a commit introduced at a path: its content differs from what every
 * parent had there (ADR 28).
 *
 * @param digest {@link KubeflowSpecDigest} of the spec
 * @param name   the spec's {@code pipelineInfo.name}, or null
 */
public record KubeflowSpecVersion(String path, String digest, String name, String sha, Instant committedAt) {
}
