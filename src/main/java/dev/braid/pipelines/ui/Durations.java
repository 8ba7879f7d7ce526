package dev.braid.pipelines.ui;

/** Durations for people: "4m 12s", "38s", "1h 5m"; empty when unknown. */
final class Durations {
    private Durations() {
    }

    static String short_(Long millis) {
        if (millis == null) {
            return "";
        }
        long s = Math.round(millis / 1000.0);
        return s >= 3600 ? s / 3600 + "h " + s % 3600 / 60 + "m" : s >= 60 ? s / 60 + "m " + s % 60 + "s" : s + "s";
    }
}
