package dev.braid.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects figures with their targets and prints them as one table with PASS/FAIL. */
final class Report {
    private final List<String> lines = new ArrayList<>();
    private boolean allPassed = true;

    void check(String what, double value, String unit, double target, String comparison) {
        boolean pass = value <= target;
        allPassed &= pass;
        lines.add(String.format(Locale.ROOT, "%-44s %12.1f %-3s target %-16s %s", what, value, unit, comparison,
                pass ? "PASS" : "FAIL"));
    }

    void info(String what, String value) {
        lines.add(String.format(Locale.ROOT, "%-44s %s", what, value));
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
