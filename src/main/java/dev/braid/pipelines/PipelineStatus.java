package dev.braid.pipelines;

import java.util.Locale;

/**
 * The one status vocabulary of pipeline runs and jobs, whatever their source. Each source maps its
 * own words onto these (and the source's word is kept beside it): GitLab's {@code pending} and
 * GitHub's {@code queued} are both {@link #QUEUED}; Jenkins' {@code ABORTED} and GitHub's
 * {@code cancelled} are both {@link #CANCELED}.
 */
public enum PipelineStatus {
    /** Created, waiting for a runner, scheduled. */
    QUEUED,
    RUNNING,
    SUCCESS,
    FAILED,
    CANCELED,
    /** Not run because of rules, conditions or an earlier failure. */
    SKIPPED,
    /** Waiting for a person: a manual job, an approval, a hold. */
    MANUAL,
    UNKNOWN;

    /** The lower-case word used in JSON, filters and the stylesheet. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True once the run or job will not change by itself any more. */
    public boolean finished() {
        return this == SUCCESS || this == FAILED || this == CANCELED || this == SKIPPED;
    }

    /** The status named by {@link #word()} (any case), or null for anything else. */
    public static PipelineStatus fromWord(String word) {
        if (word == null) {
            return null;
        }
        for (PipelineStatus status : values()) {
            if (status.word().equalsIgnoreCase(word.strip())) {
                return status;
            }
        }
        return null;
    }
}
