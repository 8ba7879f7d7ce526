package dev.braid.experiments.filter;

/**
 * An order whose first key is a param or tag, taken apart so a reader can walk that table's index
 * on (key, value) in order instead of sorting every run: {@code table} ({@code run_params} or
 * {@code run_tags}), {@code key} and its direction, then {@code tieBreak}, the ORDER BY list over
 * {@code runs r} for the remaining keys (and the default tie-breakers) that orders runs with equal
 * values and runs without one.
 *
 * <p>Values compare as text, as in the index. Runs without a value for the key (no row, or a null
 * value) come after the others whatever the direction, ordered by {@code tieBreak}.
 */
public record ValueLead(String table, String key, boolean ascending, SqlFragment tieBreak) {
}
