package dev.braid.security.ui;

/** One audit line as the table shows it, every cell already text. */
public record AuditRow(String time, String actor, String action, String object, String outcome, String detail,
                       String source) {
}
