package dev.braid.demo;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the demo project consists of at one commit, as a sorted map of facts ("param.train.learning_rate"
 * → "0.1", "feature.billing.monthly_spend" → "1", ...). Every file is rendered from these facts, so
 * merging two branches is a per-fact three-way merge and the files always agree with each other.
 */
final class ProjectState {
    private final TreeMap<String, String> facts;

    ProjectState() {
        this.facts = new TreeMap<>();
    }

    private ProjectState(TreeMap<String, String> facts) {
        this.facts = facts;
    }

    ProjectState copy() {
        return new ProjectState(new TreeMap<>(facts));
    }

    String get(String key) {
        return facts.get(key);
    }

    String get(String key, String fallback) {
        return facts.getOrDefault(key, fallback);
    }

    int getInt(String key, int fallback) {
        String value = facts.get(key);
        return value == null ? fallback : Integer.parseInt(value);
    }

    boolean has(String key) {
        return facts.containsKey(key);
    }

    void put(String key, String value) {
        facts.put(key, value);
    }

    void put(String key, int value) {
        facts.put(key, Integer.toString(value));
    }

    /** Increments an integer fact (absent counts as 0) and returns the new value. */
    int bump(String key) {
        int next = getInt(key, 0) + 1;
        put(key, next);
        return next;
    }

    /** The facts whose keys start with {@code prefix}, keyed by the rest of the key, in key order. */
    NavigableMap<String, String> under(String prefix) {
        NavigableMap<String, String> out = new TreeMap<>();
        facts.subMap(prefix, true, prefix + Character.MAX_VALUE, false)
                .forEach((key, value) -> out.put(key.substring(prefix.length()), value));
        return Collections.unmodifiableNavigableMap(out);
    }

    /**
     * Three-way merge: a fact changed on one side only takes that side; a fact changed on both
     * sides takes {@code theirs}, the branch being merged in, as a reviewer resolving in its favour would.
     */
    static ProjectState merge(ProjectState base, ProjectState ours, ProjectState theirs) {
        TreeSet<String> keys = new TreeSet<>(ours.facts.keySet());
        keys.addAll(theirs.facts.keySet());
        keys.addAll(base.facts.keySet());
        TreeMap<String, String> merged = new TreeMap<>();
        for (String key : keys) {
            String b = base.facts.get(key);
            String o = ours.facts.get(key);
            String t = theirs.facts.get(key);
            String result = Objects.equals(t, b) ? o : t;
            if (result != null) {
                merged.put(key, result);
            }
        }
        return new ProjectState(merged);
    }

    Map<String, String> asMap() {
        return Collections.unmodifiableMap(facts);
    }
}
