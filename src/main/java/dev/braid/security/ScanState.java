package dev.braid.security;

import dev.braid.security.scan.Rating;
import java.util.Locale;

/** What is known of a model version's files, as the promotion gate and the window see it. */
public enum ScanState {
    NOT_SCANNED, OUT_OF_DATE, SAFE, UNKNOWN, SUSPICIOUS, DANGEROUS;

    public static ScanState of(Rating rating) {
        return valueOf(rating.name());
    }

    /** Whether setting an alias on the version needs an explicit override: anything but a current safe scan. */
    public boolean needsOverride() {
        return this != SAFE;
    }

    /** For people: "not scanned", "dangerous", … */
    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
