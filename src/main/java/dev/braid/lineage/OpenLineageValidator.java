package dev.braid.lineage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses and checks one OpenLineage event (spec 2-0-2): which kind it is (a RunEvent has
 * {@code run}, a DatasetEvent {@code dataset}, a JobEvent only {@code job}), the required fields
 * and their types, {@code eventType} values, UUID run ids, ISO-8601 times, and the facets Braid
 * maps ({@link OpenLineageFacets}). A missing {@code schemaURL} is accepted with a warning, as
 * Marquez accepts it; one that is present must be text. Size, depth and string limits ({@link EventLimits}) are
 * enforced by Jackson's {@link StreamReadConstraints} while the JSON streams in. Every refusal
 * names the field at fault.
 */
public final class OpenLineageValidator {
    public static final Set<String> EVENT_TYPES = Set.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER");
    /** The warning for an event without {@code schemaURL}: accepted, read as the spec Braid knows. */
    public static final String NO_SCHEMA_URL = "no schemaURL: accepted and read as OpenLineage 2-0-2";
    private final EventLimits limits;
    private final ObjectMapper mapper;
    private final CanonicalHash hash = new CanonicalHash();

    public OpenLineageValidator(EventLimits limits) {
        this.limits = limits;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(Math.min(limits.maxStringLength(), 10_000))
                        .maxNumberLength(100)
                        .maxDocumentLength(limits.maxBytes())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public EventLimits limits() {
        return limits;
    }

    /** Parses and validates one event given as UTF-8 JSON. */
    public OpenLineageEvent validate(byte[] json) throws InvalidEventException {
        if (json.length > limits.maxBytes()) {
            throw new InvalidEventException("", "the event is " + json.length + " bytes, more than the "
                    + limits.maxBytes() + " allowed");
        }
        JsonNode tree = parse(json);
        UnstorableText.Offence unstorable = UnstorableText.find(tree);
        if (unstorable != null) {
            // Stored, names differing only in a lone surrogate (U+D800, U+DFFF) would both become "a?": two names merged into one node.
            throw new InvalidEventException(unstorable.path(), unstorable.problem());
        }
        EventShape shape = new EventShape(tree);
        String kind = shape.kind();
        Instant time = eventTime(tree.get("eventTime"));
        shape.requireText("producer");
        List<String> warnings = new ArrayList<>();
        if (tree.has("schemaURL") && !tree.get("schemaURL").isNull()) {
            shape.requireText("schemaURL");
        } else {
            // Marquez accepts run events without one, and OpenLineage's own examples leave it out.
            warnings.add(NO_SCHEMA_URL);
        }
        String eventType = "";
        switch (kind) {
            case "RunEvent" -> {
                eventType = eventType(tree.get("eventType"));
                shape.requireUuid("run", "runId");
                shape.requireJob("job");
                shape.datasets("inputs");
                shape.datasets("outputs");
                new OpenLineageFacets(shape).checkRunFacets();
            }
            case "JobEvent" -> {
                shape.requireJob("job");
                shape.datasets("inputs");
                shape.datasets("outputs");
                new OpenLineageFacets(shape).checkJobFacets("job");
            }
            default -> shape.requireDataset("dataset");
        }
        return new OpenLineageEvent(kind, eventType, time, tree, hash.of(tree), new String(json, StandardCharsets.UTF_8),
                warnings);
    }

    /** Whether {@code json} is the start of a JSON value that goes on past its end (a pretty-printed event's first line). */
    public boolean isIncomplete(byte[] json) {
        try (JsonParser parser = mapper.createParser(json)) {
            while (parser.nextToken() != null) {
                // Read to the end: only running out of input mid-value counts.
            }
            return false;
        } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code json} holds exactly one JSON value, whatever its size (limits aside). */
    public boolean isOneDocument(byte[] json) {
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (StreamConstraintsException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private JsonNode parse(byte[] json) throws InvalidEventException {
        JsonParser parser = null;
        try {
            parser = mapper.createParser(json);
            JsonNode tree = mapper.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidEventException("", "empty: no JSON event");
            }
            if (!tree.isObject()) {
                throw new InvalidEventException("", "an event is a JSON object, not " + EventShape.describe(tree));
            }
            return tree;
        } catch (StreamConstraintsException e) {
            throw new InvalidEventException(where(parser), "refused, too large: " + plain(e));
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(where(parser), "not valid JSON: " + plain(e)
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new InvalidEventException("", "cannot read the event: " + e.getMessage());
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // Reading from memory: nothing to release.
                }
            }
        }
    }

    private static String where(JsonParser parser) {
        if (parser == null) {
            return "";
        }
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? "" : EventShape.dotted(pointer);
    }

    private static String plain(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" (from `StreamReadConstraints");
        return cut > 0 ? message.substring(0, cut) : message;
    }

    static Instant eventTime(JsonNode value) throws InvalidEventException {
        if (value == null || value.isNull()) {
            throw new InvalidEventException("eventTime", "missing");
        }
        if (!value.isTextual()) {
            throw new InvalidEventException("eventTime", "expected an ISO-8601 date-time string, got " + EventShape.describe(value));
        }
        String text = value.asText();
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                // Python's datetime.now().isoformat() has no offset; such times are taken as UTC.
                return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new InvalidEventException("eventTime", "not an ISO-8601 date-time: \"" + EventShape.shorten(text) + "\"");
            }
        }
    }

    private static String eventType(JsonNode value) throws InvalidEventException {
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual() || !EVENT_TYPES.contains(value.asText())) {
            throw new InvalidEventException("eventType", "must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER, got "
                    + (value.isTextual() ? "\"" + EventShape.shorten(value.asText()) + "\"" : EventShape.describe(value)));
        }
        return value.asText();
    }
}
