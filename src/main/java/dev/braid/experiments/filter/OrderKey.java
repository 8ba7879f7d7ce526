package dev.braid.experiments.filter;

/** One order-by key, such as {@code metrics.rmse DESC}. */
record OrderKey(FieldRef field, boolean ascending) {
}
