package dev.braid.demo;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The everyday commits between features: parameter tuning, data refreshes, dependency bumps, CI
 * and documentation changes, small fixes and tests. Each is picked at random among those that
 * still make sense for the project's current state.
 */
final class RoutineChanges {
    private static final Map<String, List<String>> TUNABLE = Map.of(
            "train.learning_rate", List.of("0.2", "0.1", "0.08", "0.05", "0.03", "0.02"),
            "train.n_estimators", List.of("100", "200", "300", "400", "500", "600"),
            "train.max_depth", List.of("3", "4", "5", "6", "8"),
            "train.num_leaves", List.of("15", "31", "47", "63"),
            "prepare.split", List.of("0.2", "0.25", "0.15"),
            "featurize.window_days", List.of("30", "60", "90", "120"),
            "evaluate.threshold", List.of("0.5", "0.45", "0.4", "0.35"));
    private static final Map<String, List<String>> RELEASES = Map.of(
            "pandas", List.of("2.1.4", "2.2.0", "2.2.1", "2.2.2", "2.2.3"),
            "scikit-learn", List.of("1.3.2", "1.4.0", "1.4.1.post1", "1.4.2", "1.5.0", "1.5.1", "1.5.2"),
            "numpy", List.of("1.26.2", "1.26.3", "1.26.4"),
            "dvc", List.of("3.33.4", "3.38.1", "3.42.0", "3.48.4", "3.50.1", "3.51.2"),
            "pytest", List.of("7.4.3", "7.4.4", "8.0.0", "8.1.1", "8.2.0", "8.3.2"),
            "ruff", List.of("0.1.9", "0.2.1", "0.3.4", "0.4.2", "0.5.0"),
            "lightgbm", List.of("4.1.0", "4.2.0", "4.3.0", "4.4.0"),
            "mlflow", List.of("2.9.2", "2.10.2", "2.11.3", "2.12.1", "2.13.0", "2.14.1"),
            "pyyaml", List.of("6.0.1", "6.0.2"));
    private static final List<String[]> FIXES = List.of(
            new String[] {"code.prepare.dedupe", "Drop duplicated events from the raw export"},
            new String[] {"code.prepare.dropna", "Skip events without a customer id"},
            new String[] {"code.prepare.cutoff", "Exclude events after the snapshot date to stop label leakage"},
            new String[] {"code.prepare.stratify", "Stratify the train/test split on the label"});
    private static final List<String[]> CI = List.of(
            new String[] {"ci.coverage", "CI: report test coverage"},
            new String[] {"ci.repro_dry", "CI: dry-run dvc repro on merge requests"},
            new String[] {"ci.metrics", "CI: post dvc metrics diff on merge requests"},
            new String[] {"ci.push", "CI: push data and model to the DVC remote on tags"});
    private static final List<String[]> DOCS = List.of(
            new String[] {"doc.pipeline", "Document the pipeline stages in the README"},
            new String[] {"doc.contributing", "Add contributing notes"},
            new String[] {"doc.features", "Explain feature groups and versions"},
            new String[] {"doc.release", "Document the release process"},
            new String[] {"doc.metrics", "Describe the metrics we track"});
    private static final List<String> TEST_TOPICS = List.of("prepare", "features", "train", "evaluate");

    private final Random random;
    /** The last fix-up subject per branch, so a branch does not get the same one twice in a row. */
    private final Map<String, String> lastPolish = new HashMap<>();

    RoutineChanges(Random random) {
        this.random = random;
    }

    /** A change that applies to {@code state}, dated {@code day} (used in data refresh subjects). */
    Step next(ProjectState state, LocalDate day) {
        while (true) {
            int roll = random.nextInt(100);
            Step step;
            if (roll < 30) {
                step = tune(state);
            } else if (roll < 44) {
                step = refreshData(day);
            } else if (roll < 60) {
                step = bump(state);
            } else if (roll < 68) {
                step = once(state, CI);
            } else if (roll < 74) {
                step = once(state, DOCS);
            } else if (roll < 84) {
                step = once(state, FIXES);
            } else {
                step = test(state);
            }
            if (step != null) {
                return step;
            }
        }
    }

    /** A small change that fits on a feature branch under review. */
    Step polish(ProjectState state, FeaturePlan plan) {
        int roll = random.nextInt(10);
        if (roll < 5) {
            Step tuned = tune(state);
            if (tuned != null) {
                return tuned;
            }
        }
        String topic = plan.topic().replace('-', '_');
        List<String> subjects = List.of("Address review comments", "Add more test cases for " + plan.topic(),
                "Fix failing test on " + plan.branch(), "Tidy up " + plan.topic() + " after review",
                "Rename helpers in " + plan.topic() + " for clarity", "Add docstrings to " + plan.topic() + " code",
                "Fix lint findings on " + plan.branch(), "Handle empty input in " + plan.topic());
        String subject;
        do {
            subject = subjects.get(random.nextInt(subjects.size()));
        } while (subject.equals(lastPolish.get(plan.branch())));
        lastPolish.put(plan.branch(), subject);
        return new Step(subject, s -> s.bump("test." + topic));
    }

    private Step tune(ProjectState state) {
        List<String> keys = new ArrayList<>(TUNABLE.keySet());
        keys.sort(null);
        String key = keys.get(random.nextInt(keys.size()));
        String current = state.get("param." + key);
        if (current == null) {
            return null;
        }
        List<String> values = TUNABLE.get(key);
        String value = values.get(random.nextInt(values.size()));
        if (value.equals(current)) {
            return null;
        }
        String name = key.substring(key.indexOf('.') + 1);
        String verb = Double.parseDouble(value) > Double.parseDouble(current) ? "Increase " : "Lower ";
        String subject = switch (random.nextInt(3)) {
            case 0 -> "Tune " + name + " to " + value;
            case 1 -> verb + name + " to " + value;
            default -> "Try " + name + "=" + value;
        };
        return new Step(subject, s -> s.put("param." + key, value));
    }

    private Step refreshData(LocalDate day) {
        String month = day.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        String subject = switch (random.nextInt(4)) {
            case 0, 1 -> "Refresh raw data export (" + day + ")";
            case 2 -> "Add " + month + " " + day.getYear() + " events to raw data";
            default -> "Re-export raw data after upstream fixes";
        };
        return new Step(subject, s -> s.bump("data.rev"), Author.MAYA);
    }

    private Step bump(ProjectState state) {
        List<String> names = new ArrayList<>(RELEASES.keySet());
        names.sort(null);
        String name = names.get(random.nextInt(names.size()));
        String current = state.get("req." + name);
        List<String> versions = RELEASES.get(name);
        int at = current == null ? -1 : versions.indexOf(current);
        if (at < 0 || at + 1 >= versions.size()) {
            return null;
        }
        String next = versions.get(at + 1);
        return new Step("Bump " + name + " from " + current + " to " + next, s -> s.put("req." + name, next), Author.BOT);
    }

    private Step once(ProjectState state, List<String[]> changes) {
        for (String[] change : changes) {
            if (!state.has(change[0])) {
                return new Step(change[1], s -> s.put(change[0], "1"));
            }
        }
        return null;
    }

    private Step test(ProjectState state) {
        String topic = TEST_TOPICS.get(random.nextInt(TEST_TOPICS.size()));
        String subject = !state.has("test." + topic) ? "Add tests for the " + topic + " step" : switch (random.nextInt(4)) {
            case 0 -> "Cover edge cases in " + topic + " tests";
            case 1 -> "Add a regression test for " + topic;
            case 2 -> "Parametrize " + topic + " tests";
            default -> "Speed up " + topic + " tests with a smaller fixture";
        };
        return new Step(subject, s -> s.bump("test." + topic));
    }
}
