package dev.braid.pipelines;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of everything the cache keeps of a run and its jobs (the ETag left out: it says how the
 * source answered, not what the run is). A sync compares it with the cached run's, so a run read
 * again unchanged is neither rewritten nor counted.
 */
final class RunHash {
    private final MessageDigest digest;

    private RunHash() {
        try {
            digest = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this Java", e);
        }
    }

    static String of(RunData run) {
        RunHash h = new RunHash();
        h.add(run.runId).add(run.number).add(run.pipeline).add(run.status.name()).add(run.sourceStatus).add(run.ref)
                .add(run.sha).add(run.event).add(run.title).add(run.author).add(run.createdAt).add(run.startedAt)
                .add(run.finishedAt).add(run.queuedMs).add(run.durationMs).add((long) run.attempt).add(run.url)
                .add(run.parentRunId).add(run.version);
        if (run.definitionHash != null) {
            // Only when set, so that runs of every other source keep the digests cached before it existed.
            h.add("definition").add(run.definitionHash);
        }
        for (JobData j : run.jobs) {
            h.add(j.jobId).add(j.name).add(j.stage).add(j.kind).add(j.status.name()).add(j.sourceStatus).add(j.createdAt)
                    .add(j.startedAt).add(j.finishedAt).add(j.queuedMs).add(j.durationMs).add((long) j.attempt)
                    .add(j.retried ? "r" : "-").add(j.allowFailure ? "a" : "-").add(j.runner).add(String.join("\u0001", j.needs))
                    .add(j.url).add((long) j.position).add(j.downstreamId).add(j.downstreamProject).add(j.downstreamUrl)
                    .add(j.downstreamStatus);
            for (JobStep s : j.steps) {
                h.add(s.name()).add(s.status().name()).add(s.sourceStatus()).add(s.startedAt()).add(s.finishedAt());
            }
        }
        return HexFormat.of().formatHex(h.digest.digest());
    }

    private RunHash add(String text) {
        if (text == null) {
            digest.update((byte) 0);
        } else {
            digest.update((byte) 1);
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return this;
    }

    private RunHash add(Long value) {
        return add(value == null ? null : Long.toString(value));
    }
}
