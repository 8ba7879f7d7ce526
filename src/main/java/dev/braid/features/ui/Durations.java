package dev.braid.features.ui;

/** Time-to-live values in the largest whole unit a person would say. */
final class Durations {
    private Durations() {
    }

    static String words(long seconds) {
        if (seconds == 0) {
            return "none (0 s)";
        }
        if (seconds % 86_400 == 0) {
            return unit(seconds / 86_400, "day");
        }
        if (seconds % 3_600 == 0) {
            return unit(seconds / 3_600, "hour");
        }
        if (seconds % 60 == 0) {
            return unit(seconds / 60, "minute");
        }
        return unit(seconds, "second");
    }

    private static String unit(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
