package dev.braid.lineage;

import java.util.List;

/**
 * What an import did: files read, events added, events that repeated ones already kept, and every
 * event refused with where it was ({@code file:line}) and why.
 */
public record ImportReport(int files, int added, int repeated, List<Problem> problems) {
    public ImportReport {
        problems = List.copyOf(problems);
    }

    /** One refused event or unreadable file. */
    public record Problem(String where, String reason) {
        @Override
        public String toString() {
            return where + ": " + reason;
        }
    }
}
