package dev.braid.experiments.filter;

import java.util.ArrayList;
import java.util.List;

/** Turns order-by keys into an SQL ORDER BY list over {@code runs r}. */
final class OrderTranslator {
    private OrderTranslator() {
    }

    static SqlFragment translate(List<OrderKey> keys) {
        List<String> terms = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        boolean startTimeSeen = false;
        for (OrderKey key : keys) {
            FieldRef field = key.field();
            String direction = key.ascending() ? " ASC NULLS LAST" : " DESC NULLS LAST";
            switch (field.entity()) {
                case ATTRIBUTE -> {
                    startTimeSeen |= field.attribute() == RunAttribute.START_TIME;
                    terms.add("r." + field.attribute().column() + direction);
                }
                case PARAM -> {
                    terms.add(lookup("k.value", "run_params") + direction);
                    parameters.add(field.key());
                }
                case TAG -> {
                    terms.add(lookup("k.value", "run_tags") + direction);
                    parameters.add(field.key());
                }
                case METRIC -> {
                    terms.add(metric(key.ascending()));
                    parameters.add(field.key());
                }
                case DATASET -> throw new IllegalArgumentException("runs cannot be ordered by a dataset field");
            }
        }
        if (!startTimeSeen) {
            terms.add("r.start_time DESC");
        }
        terms.add("r.run_id ASC");
        return new SqlFragment(String.join(", ", terms), parameters);
    }

    private static String lookup(String expression, String table) {
        return "(SELECT " + expression + " FROM " + table + " k WHERE k.run_pk = r.run_pk AND k.key = ?)";
    }

    /**
     * MLflow sorts metrics in three groups, whatever the direction: numbers, then NaN, then runs
     * without the metric. One lookup per run does it: NaN (a NULL value in the cache) becomes
     * text, which SQLite sorts after every number; a missing metric stays NULL, put last; and a
     * descending sort becomes an ascending sort of the negated value so the NaN group stays
     * behind the numbers.
     */
    private static String metric(boolean ascending) {
        String value = ascending ? "k.value" : "-k.value";
        return lookup("CASE WHEN k.value IS NULL THEN 'NaN' ELSE " + value + " END", "run_metrics") + " ASC NULLS LAST";
    }
}
