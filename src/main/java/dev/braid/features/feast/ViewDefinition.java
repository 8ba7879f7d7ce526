package dev.braid.features.feast;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One feature view as Feast defines it at one moment, in Feast's own terms but independent of
 * where it was read (a registry file, a registry server, a definition file in git).
 *
 * @param sourceViews  the views an on-demand view or a derived batch view reads (Feast's
 *                     {@code sources} and {@code source_views}), by name, with the columns it takes
 *                     in brackets ({@code customer_stats(avg_amount, tx_count)}); a request source
 *                     as {@code request:NAME}
 * @param ttlSeconds   null when the view has no time-to-live
 * @param versionPin   Feast's {@code spec.version}: {@code latest} or a pin such as {@code v2}; empty when unset
 * @param feastVersion Feast's {@code meta.current_version_number}; 0 when Feast did not say
 */
public record ViewDefinition(String project, String name, ViewKind kind, List<String> entities, List<ViewField> fields,
                             List<ViewField> entityColumns, SourceRef batchSource, SourceRef streamSource,
                             List<String> sourceViews, Long ttlSeconds, Transformation transformation,
                             Map<String, String> tags, String owner, String description, boolean online,
                             String versionPin, int feastVersion, Instant createdAt, Instant updatedAt) {
    public ViewDefinition {
        entities = List.copyOf(entities);
        fields = List.copyOf(fields);
        entityColumns = List.copyOf(entityColumns);
        sourceViews = List.copyOf(sourceViews);
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
        transformation = transformation == null ? new Transformation("", "", "") : transformation;
        owner = owner == null ? "" : owner;
        description = description == null ? "" : description;
        versionPin = versionPin == null ? "" : versionPin;
    }

    /** The version Feast serves when {@link #versionPin} names one ({@code v2}, {@code version2}); -1 for latest. */
    public int pinnedNumber() {
        String pin = versionPin.strip().toLowerCase(java.util.Locale.ROOT);
        String digits = pin.startsWith("version") ? pin.substring(7) : pin.startsWith("v") ? pin.substring(1) : "";
        return digits.matches("\\d{1,9}") ? Integer.parseInt(digits) : -1;
    }

    /** The names of {@link #sourceViews}, without the columns taken. */
    public List<String> sourceViewNames() {
        return sourceViews.stream().map(v -> v.indexOf('(') > 0 ? v.substring(0, v.indexOf('(')) : v).toList();
    }
}
