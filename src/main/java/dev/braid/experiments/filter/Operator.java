package dev.braid.experiments.filter;

/** The comparison operators of MLflow's run search syntax. */
enum Operator {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    LIKE("LIKE"),
    ILIKE("ILIKE"),
    IN("IN"),
    NOT_IN("NOT IN"),
    IS_NULL("IS NULL"),
    IS_NOT_NULL("IS NOT NULL");

    private final String text;

    Operator(String text) {
        this.text = text;
    }

    /** How the operator is written (and rendered in SQL for the plain comparisons). */
    String text() {
        return text;
    }

    boolean takesList() {
        return this == IN || this == NOT_IN;
    }

    boolean takesNoValue() {
        return this == IS_NULL || this == IS_NOT_NULL;
    }
}
