package dev.braid.lineage;

import java.util.List;

/**
 * What an import did: files read, events added, events that repeated ones already kept, every
 * event refused with where it was ({@code file:line}) and why, and the warnings about events that
 * were accepted (each reason once, with how many events it concerned and where the first was).
 */
public record ImportReport(int files, int added, int repeated, List<Problem> problems, List<Warning> warnings) {
    public ImportReport {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public ImportReport(int files, int added, int repeated, List<Problem> problems) {
        this(files, added, repeated, problems, List.of());
    }

    /** Something accepted events lacked, for {@code events} of them, the first at {@code firstWhere}. */
    public record Warning(String reason, int events, String firstWhere) {
        @Override
        public String toString() {
            return events == 1 ? firstWhere + ": " + reason
                    : reason + " (" + events + " events, the first at " + firstWhere + ")";
        }
    }

    /** One refused event or unreadable file. */
    public record Problem(String where, String reason) {
        @Override
        public String toString() {
            return where + ": " + reason;
        }
    }
}
