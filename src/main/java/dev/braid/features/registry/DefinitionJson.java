package dev.braid.features.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.braid.features.feast.ViewDefinition;
import dev.braid.features.feast.ViewField;
import dev.braid.features.feast.ViewKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature-view definitions as the cache keeps them (JSON of {@link ViewDefinition}) and the two
 * hashes versions are told apart by:
 * <ul>
 *   <li>the <b>definition hash</b>: everything that changes what a view computes — fields with
 *       their types, entities, entity columns, sources, time-to-live, transformation and tags
 *       (not the owner, description or bookkeeping times). Braid's own version labels are its
 *       first twelve hex digits.</li>
 *   <li>the <b>schema hash</b>: what Feast itself versions on (fields with types, entities, entity
 *       columns, source views, and the transformation of on-demand and stream views); a change
 *       Feast applies in place (time-to-live, source, tags) keeps it.</li>
 * </ul>
 * Fields and entities are hashed in name order, as Feast compares them, so reordering a schema
 * is no change. The hashes are SHA-256 over a canonical JSON (keys sorted), stable across Braid
 * releases and machines.
 */
public final class DefinitionJson {
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final ObjectMapper canonical = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public String write(ViewDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a definition: " + e.getOriginalMessage(), e);
        }
    }

    public ViewDefinition read(String text) {
        try {
            return json.readValue(text, ViewDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable cached definition: " + e.getOriginalMessage(), e);
        }
    }

    /** Any value as compact JSON (tags, lists). */
    public String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public ObjectMapper mapper() {
        return json;
    }

    public String definitionHash(ViewDefinition d) {
        Map<String, Object> content = schemaContent(d);
        content.put("batchSource", d.batchSource() == null ? null : source(d.batchSource()));
        content.put("streamSource", d.streamSource() == null ? null : source(d.streamSource()));
        content.put("ttlSeconds", d.ttlSeconds());
        content.put("transformation", List.of(d.transformation().mode(), d.transformation().function(),
                d.transformation().bodyHash()));
        content.put("tags", d.tags());
        return sha256(content);
    }

    public String schemaHash(ViewDefinition d) {
        return sha256(schemaContent(d));
    }

    /** The twelve hex digits Braid labels a version by when Feast numbers none. */
    public static String label(String definitionHash) {
        return definitionHash.substring(0, 12);
    }

    private static Map<String, Object> schemaContent(ViewDefinition d) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("kind", d.kind().label());
        content.put("fields", sortedFields(d.fields()));
        content.put("entities", d.entities().stream().sorted().toList());
        content.put("entityColumns", sortedFields(d.entityColumns()));
        content.put("sourceViews", d.sourceViews().stream().sorted().toList());
        if (d.kind() != ViewKind.BATCH) {
            content.put("udf", List.of(d.transformation().mode(), d.transformation().bodyHash()));
        }
        return content;
    }

    private static List<List<String>> sortedFields(List<ViewField> fields) {
        List<List<String>> out = new ArrayList<>();
        fields.stream().sorted(Comparator.comparing(ViewField::name).thenComparing(ViewField::type))
                .forEach(f -> out.add(List.of(f.name(), f.type())));
        return out;
    }

    private static List<String> source(dev.braid.features.feast.SourceRef s) {
        return List.of(s.name(), s.type(), s.location(), s.timestampField());
    }

    private String sha256(Object content) {
        try {
            byte[] bytes = canonical.writeValueAsString(content).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a definition", e);
        }
    }
}
