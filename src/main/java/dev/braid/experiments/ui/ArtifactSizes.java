package dev.braid.experiments.ui;

import java.util.Locale;

/** File sizes as people read them: 512 B, 1.5 KB, 50 MB (binary units, as file managers show them). */
final class ArtifactSizes {
    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    private ArtifactSizes() {
    }

    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value >= 10 || value == Math.floor(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + UNITS[unit];
    }
}
