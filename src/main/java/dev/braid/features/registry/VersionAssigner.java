package dev.braid.features.registry;

import dev.braid.features.feast.RecordedVersion;
import dev.braid.features.feast.ViewDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which version of a feature view a source lists and which versions are new to the
 * cache (docs/decisions/0019-feature-versions-and-usage.md):
 * <ol>
 *   <li>Where the registry records Feast's version history (a registry file of Feast 0.62 or
 *       later), the versions are Feast's: {@code v0}, {@code v1}…, each with the snapshot and time
 *       Feast recorded; the current one is the pinned version ({@code spec.version = "v1"}), else
 *       the highest.</li>
 *   <li>Where the registry numbers versions but does not serve its history (the registry server),
 *       the current version is the number the server reports; when it reports none (Feast leaves
 *       it out for v0, and resets it when it applies a change in place), the newest known
 *       version with the same schema; else v0 for a view seen for the first time.</li>
 *   <li>Where the registry numbers nothing (before Feast 0.62), a version is the content hash of
 *       the definition, labelled by its first twelve hex digits, added each time a sync sees it
 *       change; going back to an earlier definition is that earlier version again.</li>
 * </ol>
 */
final class VersionAssigner {
    private final DefinitionJson definitions;

    VersionAssigner(DefinitionJson definitions) {
        this.definitions = definitions;
    }

    /** The version a source serves now and the version rows to write. */
    record Assignment(String current, List<VersionWrite> writes) {
    }

    Assignment assign(ViewDefinition live, List<RecordedVersion> records, boolean versioned, List<KnownVersion> known,
                      Instant now) {
        Map<String, KnownVersion> byLabel = new HashMap<>();
        known.forEach(k -> byLabel.put(k.label(), k));
        List<VersionWrite> writes = new ArrayList<>();
        if (!records.isEmpty()) {
            List<RecordedVersion> sorted = records.stream().sorted(Comparator.comparingInt(RecordedVersion::number)).toList();
            for (RecordedVersion r : sorted) {
                String label = "v" + r.number();
                KnownVersion k = byLabel.get(label);
                if (k == null || VersionWrite.OBSERVED.equals(k.origin())) {
                    writes.add(new VersionWrite(label, r.number(), r.number(), r.definition(),
                            definitions.definitionHash(r.definition()), definitions.schemaHash(r.definition()),
                            VersionWrite.HISTORY, r.createdAt() == null ? now : r.createdAt(), k != null));
                }
            }
            int pinned = live.pinnedNumber();
            boolean pinExists = sorted.stream().anyMatch(r -> r.number() == pinned);
            int current = pinExists ? pinned : sorted.get(sorted.size() - 1).number();
            return new Assignment("v" + current, writes);
        }
        String liveHash = definitions.definitionHash(live);
        String liveSchema = definitions.schemaHash(live);
        Instant seenAt = live.updatedAt() == null ? now : live.updatedAt();
        if (versioned) {
            int number = numberFor(live, liveSchema, known);
            String label = "v" + number;
            if (!byLabel.containsKey(label)) {
                writes.add(new VersionWrite(label, number, number, live, liveHash, liveSchema, VersionWrite.OBSERVED,
                        seenAt, false));
            }
            return new Assignment(label, writes);
        }
        String label = DefinitionJson.label(liveHash);
        if (!byLabel.containsKey(label)) {
            int seq = known.stream().mapToInt(KnownVersion::seq).max().orElse(-1) + 1;
            writes.add(new VersionWrite(label, null, seq, live, liveHash, liveSchema, VersionWrite.OBSERVED, seenAt, false));
        }
        return new Assignment(label, writes);
    }

    private static int numberFor(ViewDefinition live, String liveSchema, List<KnownVersion> known) {
        if (live.pinnedNumber() >= 0) {
            return live.pinnedNumber();
        }
        if (live.feastVersion() > 0) {
            return live.feastVersion();
        }
        List<KnownVersion> numbered = known.stream().filter(k -> k.number() != null)
                .sorted(Comparator.comparingInt(KnownVersion::seq).reversed()).toList();
        for (KnownVersion k : numbered) {
            if (k.schemaHash().equals(liveSchema)) {
                return k.number();
            }
        }
        // A schema change Feast did not number (it always does since 0.62): the next number.
        return numbered.isEmpty() ? 0 : numbered.stream().mapToInt(KnownVersion::number).max().orElse(-1) + 1;
    }
}
