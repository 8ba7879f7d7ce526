package dev.braid.lineage;

/** An OpenLineage event that was refused, with the field at fault ({@code run.runId}) when there is one. */
public final class InvalidEventException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidEventException(String field, String reason) {
        super(field == null || field.isEmpty() ? reason : field + ": " + reason);
        this.field = field == null ? "" : field;
    }

    /** The JSON path of the offending field, empty when the problem is the event as a whole. */
    public String field() {
        return field;
    }
}
