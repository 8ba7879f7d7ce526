package dev.braid.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects figures with their targets and prints them as one table with PASS/FAIL. */
final class Report {
    private final List<String> lines = new ArrayList<>();
    private final boolean echo;
    private boolean allPassed = true;

    Report() {
        this(false);
    }

    /** @param echo also print each line as it is added, so a long run shows its figures as they come */
    Report(boolean echo) {
        this.echo = echo;
    }

    void check(String what, double value, String unit, double target, String comparison) {
        boolean pass = value <= target;
        allPassed &= pass;
        add(String.format(Locale.ROOT, "%-44s %12.1f %-3s target %-16s %s", what, value, unit, comparison,
                pass ? "PASS" : "FAIL"));
    }

    void info(String what, String value) {
        add(String.format(Locale.ROOT, "%-44s %s", what, value));
    }

    private void add(String line) {
        lines.add(line);
        if (echo) {
            System.out.println("  " + line);
        }
    }

    boolean allPassed() {
        return allPassed;
    }

    void print() {
        System.out.println();
        lines.forEach(System.out::println);
        System.out.println();
        System.out.println(allPassed ? "ALL TARGETS MET" : "SOME TARGETS MISSED");
    }
}
