package dev.braid.features;

import dev.braid.features.feast.SourceRef;
import dev.braid.features.feast.ViewDefinition;
import dev.braid.features.feast.ViewField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compares two definitions of a feature view field by field and part by part. */
final class VersionDiffer {
    private VersionDiffer() {
    }

    static VersionDiff diff(String project, String view, String from, ViewDefinition a, String to, ViewDefinition b) {
        Map<String, ViewField> before = byName(a.fields());
        Map<String, ViewField> after = byName(b.fields());
        List<ViewField> added = new ArrayList<>();
        List<ViewField> removed = new ArrayList<>();
        List<VersionDiff.Retyped> retyped = new ArrayList<>();
        for (ViewField f : b.fields()) {
            ViewField old = before.get(f.name());
            if (old == null) {
                added.add(f);
            } else if (!old.type().equals(f.type())) {
                retyped.add(new VersionDiff.Retyped(f.name(), old.type(), f.type()));
            }
        }
        for (ViewField f : a.fields()) {
            if (!after.containsKey(f.name())) {
                removed.add(f);
            }
        }
        List<VersionDiff.Change> changes = new ArrayList<>();
        change(changes, "kind", a.kind().label(), b.kind().label());
        change(changes, "entities", String.join(", ", a.entities()), String.join(", ", b.entities()));
        change(changes, "entity columns", fields(a.entityColumns()), fields(b.entityColumns()));
        change(changes, "source", source(a.batchSource()), source(b.batchSource()));
        change(changes, "stream source", source(a.streamSource()), source(b.streamSource()));
        change(changes, "source views", String.join(", ", a.sourceViews()), String.join(", ", b.sourceViews()));
        change(changes, "ttl", ttl(a.ttlSeconds()), ttl(b.ttlSeconds()));
        change(changes, "transformation", transformation(a), transformation(b));
        change(changes, "tags", tags(a.tags()), tags(b.tags()));
        change(changes, "owner", a.owner(), b.owner());
        change(changes, "description", a.description(), b.description());
        change(changes, "online", String.valueOf(a.online()), String.valueOf(b.online()));
        return new VersionDiff(project, view, from, to, added, removed, retyped, changes);
    }

    private static void change(List<VersionDiff.Change> out, String what, String before, String after) {
        if (!Objects.equals(before, after)) {
            out.add(new VersionDiff.Change(what, before, after));
        }
    }

    private static Map<String, ViewField> byName(List<ViewField> fields) {
        Map<String, ViewField> out = new LinkedHashMap<>();
        fields.forEach(f -> out.put(f.name(), f));
        return out;
    }

    private static String fields(List<ViewField> fields) {
        return String.join(", ", fields.stream().map(f -> f.name() + ": " + f.type()).toList());
    }

    static String source(SourceRef s) {
        if (s == null) {
            return "";
        }
        String where = s.location().isEmpty() ? "" : " (" + s.location() + ")";
        return s.name() + where;
    }

    /** A time-to-live in the largest whole unit: {@code 7d}, {@code 36h}, {@code 90s}; empty when none. */
    static String ttl(Long seconds) {
        if (seconds == null) {
            return "";
        }
        if (seconds == 0) {
            return "0s";
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static String transformation(ViewDefinition d) {
        var t = d.transformation();
        if (t.blank()) {
            return "";
        }
        String body = t.bodyHash().isEmpty() ? "" : " body " + t.bodyHash().substring(0, Math.min(12, t.bodyHash().length()));
        return (t.mode().isEmpty() ? "" : t.mode() + " ") + t.function() + body;
    }

    private static String tags(Map<String, String> tags) {
        List<String> parts = new ArrayList<>();
        tags.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }
}
