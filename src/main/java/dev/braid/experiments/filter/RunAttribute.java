package dev.braid.experiments.filter;

import java.util.Optional;

/** The run attributes MLflow lets a search filter or order by, with their column in {@code runs}. */
enum RunAttribute {
    RUN_ID("run_id", false),
    RUN_NAME("run_name", false),
    USER_ID("user_id", false),
    STATUS("status", false),
    ARTIFACT_URI("artifact_uri", false),
    START_TIME("start_time", true),
    END_TIME("end_time", true);

    private final String column;
    private final boolean numeric;

    RunAttribute(String column, boolean numeric) {
        this.column = column;
        this.numeric = numeric;
    }

    /** The column of {@code runs} that holds the attribute (also its MLflow name). */
    String column() {
        return column;
    }

    /** Epoch-millisecond times compare as numbers; everything else as text. */
    boolean numeric() {
        return numeric;
    }

    /** A key of a filter clause; MLflow also accepts "created" and "run name" spellings there. */
    static Optional<RunAttribute> forFilter(String key) {
        return switch (key) {
            case "run name", "Run name", "Run Name" -> Optional.of(RUN_NAME);
            default -> forOrder(key);
        };
    }

    /** A key of an order-by clause; MLflow accepts "created" but not "run name" there. */
    static Optional<RunAttribute> forOrder(String key) {
        return switch (key) {
            case "created", "Created" -> Optional.of(START_TIME);
            default -> {
                for (RunAttribute a : values()) {
                    if (a.column.equals(key)) {
                        yield Optional.of(a);
                    }
                }
                yield Optional.empty();
            }
        };
    }

    static String validNames() {
        return "run_id, run_name, user_id, status, artifact_uri, start_time, end_time";
    }
}
