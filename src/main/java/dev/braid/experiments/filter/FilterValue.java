package dev.braid.experiments.filter;

import java.util.List;

/** The right-hand side of a comparison. */
sealed interface FilterValue {
    /** A quoted string, as written between its quotes. */
    record Text(String value) implements FilterValue {
    }

    /** A number literal; {@code integral} when written without a fraction or exponent. */
    record Number(double value, boolean integral, String literal) implements FilterValue {
    }

    /** A parenthesised, non-empty list of strings (for IN and NOT IN). */
    record TextList(List<String> values) implements FilterValue {
        public TextList {
            values = List.copyOf(values);
        }
    }

    /** No value: IS NULL and IS NOT NULL. */
    record None() implements FilterValue {
    }
}
