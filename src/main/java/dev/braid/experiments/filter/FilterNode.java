package dev.braid.experiments.filter;

import java.util.List;

/** The parsed form of a filter: comparisons joined by AND and OR. */
sealed interface FilterNode {
    /** Every part must hold. */
    record And(List<FilterNode> parts) implements FilterNode {
        public And {
            parts = List.copyOf(parts);
        }
    }

    /** At least one part must hold (Braid's addition; MLflow itself has no OR). */
    record Or(List<FilterNode> parts) implements FilterNode {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    /** One clause such as {@code metrics.rmse < 0.5}; {@code position} is where it starts. */
    record Comparison(FieldRef field, Operator operator, FilterValue value, int position) implements FilterNode {
    }

    /** The empty filter: every run. */
    record All() implements FilterNode {
    }
}
