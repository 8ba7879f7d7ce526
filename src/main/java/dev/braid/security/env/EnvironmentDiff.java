package dev.braid.security.env;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a model's environment (left) with another model's or a serving environment (right),
 * by severity: another major version of a flavour's framework (HIGH), a pickle-based flavour whose
 * library changed minor version (HIGH), another Python major (HIGH) or minor (MEDIUM) version,
 * packages the model needs that the right side lacks (MEDIUM), other versions of the remaining
 * packages (LOW), and packages only the right side has (INFO).
 */
public final class EnvironmentDiff {
    private EnvironmentDiff() {
    }

    public static List<Difference> compare(Environment left, Environment right) {
        List<Difference> out = new ArrayList<>();
        python(left.python(), right.python(), out);
        Set<String> framework = new java.util.HashSet<>();
        for (Environment.Flavour f : left.flavours()) {
            if (f.library() == null) {
                continue;
            }
            framework.add(f.library());
            String mine = f.version() != null ? f.version() : version(left.packages().get(f.library()));
            String theirs = flavourVersion(right, f);
            flavour(f, mine, theirs, out);
        }
        Set<String> names = new TreeSet<>(left.packages().keySet());
        names.addAll(right.packages().keySet());
        for (String name : names) {
            if (framework.contains(name)) {
                continue;
            }
            Requirement l = left.packages().get(name);
            Requirement r = right.packages().get(name);
            if (l != null && r == null) {
                out.add(new Difference(Severity.MEDIUM, name, show(l), null, name + " is needed by " + left.label()
                        + " but missing from " + right.label()));
            } else if (l == null) {
                out.add(new Difference(Severity.INFO, name, null, show(r), "only " + right.label() + " has " + name));
            } else if (l.version() != null && r.version() != null && !l.version().equals(r.version())) {
                boolean major = !part(l.version(), 0).equals(part(r.version(), 0));
                out.add(new Difference(Severity.LOW, name, l.version(), r.version(), name + " " + l.version() + " vs "
                        + r.version() + (major ? " (another major version)" : "")));
            }
        }
        out.sort(Comparator.comparing(Difference::severity).thenComparing(Difference::subject));
        return out;
    }

    private static void python(String left, String right, List<Difference> out) {
        if (left == null || right == null) {
            if (!Objects.equals(left, right)) {
                out.add(new Difference(Severity.LOW, "python", left, right, "only one side says which Python it uses"));
            }
            return;
        }
        if (!part(left, 0).equals(part(right, 0))) {
            out.add(new Difference(Severity.HIGH, "python", left, right, "Python " + left + " vs " + right));
        } else if (!part(left, 1).equals(part(right, 1))) {
            out.add(new Difference(Severity.MEDIUM, "python", left, right, "Python " + left + " vs " + right
                    + " (another minor version)"));
        } else if (!left.equals(right) && left.split("\\.").length > 2 && right.split("\\.").length > 2) {
            out.add(new Difference(Severity.LOW, "python", left, right, "Python " + left + " vs " + right));
        }
    }

    private static void flavour(Environment.Flavour f, String mine, String theirs, List<Difference> out) {
        String subject = f.library();
        if (theirs == null) {
            out.add(new Difference(Severity.HIGH, subject, mine, null, "the " + f.name() + " flavour needs " + f.library()
                    + ", which the other side does not have"));
            return;
        }
        if (mine == null || mine.equals(theirs)) {
            return;
        }
        if (!Character.isDigit(theirs.charAt(0))) {
            out.add(new Difference(Severity.LOW, subject, mine, theirs, f.library() + " is not pinned on the other side ("
                    + theirs + "); the model was built with " + mine));
            return;
        }
        if (!part(mine, 0).equals(part(theirs, 0))) {
            out.add(new Difference(Severity.HIGH, subject, mine, theirs, f.library() + " " + mine + " vs " + theirs
                    + ": another major version of the " + f.name() + " flavour's framework"));
        } else if (!part(mine, 1).equals(part(theirs, 1))) {
            out.add(new Difference(f.pickled() ? Severity.HIGH : Severity.MEDIUM, subject, mine, theirs, f.library() + " "
                    + mine + " vs " + theirs + (f.pickled() ? ": the " + f.name() + " model is a pickle, which another minor"
                    + " version may fail to load or load differently" : " (another minor version)")));
        } else {
            out.add(new Difference(Severity.LOW, subject, mine, theirs, f.library() + " " + mine + " vs " + theirs));
        }
    }

    private static String flavourVersion(Environment right, Environment.Flavour f) {
        for (Environment.Flavour other : right.flavours()) {
            if (other.name().equals(f.name()) && other.version() != null) {
                return other.version();
            }
        }
        Requirement r = right.packages().get(f.library());
        return r == null ? null : r.version() != null ? r.version() : r.spec().isEmpty() ? "any" : r.spec();
    }

    private static String version(Requirement r) {
        return r == null ? null : r.version();
    }

    private static String show(Requirement r) {
        return r.version() != null ? r.version() : r.spec().isEmpty() ? "any" : r.spec();
    }

    /** The n-th dot-separated number of a version, or "" (so "1.2" vs "1.2.3" agree on parts 0 and 1). */
    static String part(String version, int n) {
        String[] parts = version.replaceAll("^[^0-9]*", "").split("[.+-]");
        return n < parts.length ? parts[n] : "";
    }

}
