package dev.braid.features;

import dev.braid.features.feast.ViewField;
import java.util.List;

/**
 * What changed between two versions of a feature view: fields added, removed and retyped, and
 * every other change ({@code entities}, {@code source}, {@code ttl}, {@code transformation},
 * {@code tags}, …) as a before and after in words.
 */
public record VersionDiff(String project, String view, String from, String to, List<ViewField> added,
                          List<ViewField> removed, List<Retyped> retyped, List<Change> changes) {
    public VersionDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        retyped = List.copyOf(retyped);
        changes = List.copyOf(changes);
    }

    /** A field whose type changed. */
    public record Retyped(String field, String before, String after) {
    }

    /** Another part of the definition that changed; empty text where it was absent. */
    public record Change(String what, String before, String after) {
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && retyped.isEmpty() && changes.isEmpty();
    }
}
