package dev.braid.pipelines.dvc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DVC stage's state at one commit, like {@code dvc status} reports it for a workspace checked
 * out at that commit (its data as {@code dvc.lock} recorded it): up to date, changed (with what
 * changed), or never run (in {@code dvc.yaml} but not in {@code dvc.lock}).
 *
 * @param deps changed dependencies: path → {@code modified}, {@code new} or {@code deleted}
 * @param params changed parameters: params file → key → {@code modified}, {@code new} or {@code deleted}
 * @param outs changed outputs: path → {@code modified}, {@code new} or {@code deleted}
 * @param unknown dependencies whose content is neither in git nor recorded by another stage, so
 *     their state cannot be known from history (data files kept outside git); not counted as changes
 */
public record DvcStageStatus(String stage, String file, State state, boolean commandChanged, boolean alwaysChanged,
                             Map<String, String> deps, Map<String, Map<String, String>> params, Map<String, String> outs,
                             List<String> unknown) {
    /** The three states Braid shows. */
    public enum State {
        UP_TO_DATE("up to date"), CHANGED("changed"), NEVER_RUN("never run");

        private final String words;

        State(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public DvcStageStatus {
        deps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deps));
        Map<String, Map<String, String>> copied = new LinkedHashMap<>();
        params.forEach((path, keys) -> copied.put(path, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys))));
        params = java.util.Collections.unmodifiableMap(copied);
        outs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outs));
        unknown = List.copyOf(unknown);
    }

    /**
     * This stage's entry in {@code dvc status --json}: a list of {@code {"changed deps": {...}}},
     * {@code {"changed outs": {...}}}, {@code "changed command"} and {@code "always changed"};
     * empty when up to date.
     */
    public List<Object> dvcStatusJson() {
        List<Object> out = new ArrayList<>();
        if (!deps.isEmpty() || !params.isEmpty()) {
            Map<String, Object> changed = new LinkedHashMap<>(deps);
            changed.putAll(params);
            out.add(Map.of("changed deps", changed));
        }
        if (!outs.isEmpty()) {
            out.add(Map.of("changed outs", outs));
        }
        if (commandChanged) {
            out.add("changed command");
        }
        if (alwaysChanged) {
            out.add("always changed");
        }
        return out;
    }

    /** What changed, in 'dvc status' words on one line. */
    public String changesText() {
        List<String> parts = new ArrayList<>();
        List<String> deps = new ArrayList<>();
        deps().forEach((path, change) -> deps.add(change + ": " + path));
        params().forEach((file, keys) -> keys.forEach((key, change) -> deps.add(change + ": " + file + " " + key)));
        if (!deps.isEmpty()) {
            parts.add("changed deps (" + String.join(", ", deps) + ")");
        }
        if (!outs().isEmpty()) {
            List<String> outs = new ArrayList<>();
            outs().forEach((path, change) -> outs.add(change + ": " + path));
            parts.add("changed outs (" + String.join(", ", outs) + ")");
        }
        if (commandChanged()) {
            parts.add("changed command");
        }
        if (alwaysChanged()) {
            parts.add("always changed");
        }
        return String.join("; ", parts);
    }
}
