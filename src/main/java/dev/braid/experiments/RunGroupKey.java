package dev.braid.experiments;

import java.util.Objects;

/**
 * What runs are grouped by: a param's or a tag's value ({@code key}), or the datasets a run used
 * ({@code key} null), each shown as {@code name@digest}, the digest cut to eight characters.
 */
public record RunGroupKey(Kind kind, String key) {
    /** The kinds of grouping key. */
    public enum Kind { PARAM, TAG, DATASETS }

    public RunGroupKey {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.DATASETS) != (key == null)) {
            throw new IllegalArgumentException("a param or tag needs its key, and only they");
        }
    }

    public static RunGroupKey param(String key) {
        return new RunGroupKey(Kind.PARAM, key);
    }

    public static RunGroupKey tag(String key) {
        return new RunGroupKey(Kind.TAG, key);
    }

    public static RunGroupKey datasets() {
        return new RunGroupKey(Kind.DATASETS, null);
    }
}
