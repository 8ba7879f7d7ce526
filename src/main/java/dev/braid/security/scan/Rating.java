package dev.braid.security.scan;

import java.util.Locale;

/**
 * How worrying a finding, or a whole file, is; ordered from harmless to worst. {@code UNKNOWN}
 * means Braid cannot vouch for it (an import on neither list, a stream it could not read to the
 * end): it is shown and it blocks a promotion, but it is not called an attack.
 */
public enum Rating {
    SAFE, UNKNOWN, SUSPICIOUS, DANGEROUS;

    /** The lower-case word used in output and in the cache: {@code safe}, {@code unknown}, … */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of the two. */
    public Rating max(Rating other) {
        return other != null && other.compareTo(this) > 0 ? other : this;
    }

    /** Whether this reaches {@code threshold} (at least as bad). */
    public boolean atLeast(Rating threshold) {
        return compareTo(threshold) >= 0;
    }

    /** The rating named by {@link #word()}, ignoring case. */
    public static Rating ofWord(String word) {
        return valueOf(word.strip().toUpperCase(Locale.ROOT));
    }
}
