package dev.braid.lineage;

import static dev.braid.lineage.Events.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpenLineageValidatorTest {
    static final String RUN_ID = "3f1c2b9e-8d4a-4b8e-9a57-6c1d2e3f4a5b";
    private final OpenLineageValidator validator = new OpenLineageValidator(EventLimits.STANDARD);

    static ObjectNode good() {
        ObjectNode e = Events.run("COMPLETE", "2026-03-01T10:15:30.123456+02:00", RUN_ID, "pipelines", "clean");
        Events.input(e, Events.versioned("s3://bucket", "raw/events.parquet", "v1"));
        Events.output(e, Events.dataset("s3://bucket", "clean/events.parquet"));
        return e;
    }

    @Test
    void acceptsAWellFormedRunEvent() throws Exception {
        OpenLineageEvent event = validator.validate(Events.bytes(good()));
        assertEquals("RunEvent", event.kind());
        assertEquals("COMPLETE", event.eventType());
        assertEquals(Instant.parse("2026-03-01T08:15:30.123456Z"), event.eventTime());
        assertEquals(64, event.hash().length());
    }

    @Test
    void timesWithoutAnOffsetAreUtc() throws Exception {
        OpenLineageEvent event = validator.validate(Events.bytes(Events.set(good(), "/eventTime", TextNode.valueOf("2026-03-01T10:15:30"))));
        assertEquals(Instant.parse("2026-03-01T10:15:30Z"), event.eventTime());
    }

    @Test
    void recognisesJobAndDatasetEvents() throws Exception {
        ObjectNode job = Events.remove(Events.remove(good(), "/run"), "/eventType");
        assertEquals("JobEvent", validator.validate(Events.bytes(job)).kind());
        ObjectNode dataset = JSON.createObjectNode();
        dataset.put("eventTime", "2026-03-01T10:15:30Z").put("producer", "p").put("schemaURL", "s");
        dataset.set("dataset", Events.dataset("s3://bucket", "x"));
        assertEquals("DatasetEvent", validator.validate(Events.bytes(dataset)).kind());
    }

    @Test
    void repeatsHashAlikeHoweverTheyAreFormatted() throws Exception {
        String compact = Events.text(good());
        String spaced = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(good());
        ObjectNode reordered = JSON.createObjectNode();
        var names = new java.util.ArrayList<String>();
        good().fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        names.forEach(n -> reordered.set(n, good().get(n)));
        String a = validator.validate(compact.getBytes(StandardCharsets.UTF_8)).hash();
        assertEquals(a, validator.validate(spaced.getBytes(StandardCharsets.UTF_8)).hash());
        assertEquals(a, validator.validate(Events.bytes(reordered)).hash());
        assertNotEquals(a, validator.validate(Events.bytes(Events.set(good(), "/eventType", TextNode.valueOf("FAIL")))).hash());
    }

    @Test
    void missingFieldsAreNamed() {
        refused(Events.remove(good(), "/eventTime"), "eventTime: missing");
        refused(Events.remove(good(), "/producer"), "producer: missing");
        refused(Events.remove(good(), "/run/runId"), "run.runId: missing");
        refused(Events.remove(good(), "/job"), "job: missing");
        refused(Events.remove(good(), "/job/name"), "job.name: missing");
        refused(Events.remove(good(), "/inputs/0/namespace"), "inputs[0].namespace: missing");
        refused(Events.set(good(), "/outputs/0/name", TextNode.valueOf(" ")), "outputs[0].name: empty");
        refused(JSON.createObjectNode().put("eventTime", "2026-03-01T10:15:30Z"), "not an OpenLineage event");
    }

    @Test
    void anEventWithoutSchemaUrlIsAcceptedWithAWarningAsMarquezAcceptsIt() throws Exception {
        OpenLineageEvent event = validator.validate(Events.bytes(Events.remove(good(), "/schemaURL")));
        assertEquals("RunEvent", event.kind());
        assertEquals(List.of(OpenLineageValidator.NO_SCHEMA_URL), event.warnings());
        assertEquals(List.of(), validator.validate(Events.bytes(good())).warnings());
        refused(Events.set(good(), "/schemaURL", JSON.getNodeFactory().numberNode(2)), "schemaURL: expected a string, got a number");
        refused(Events.remove(Events.remove(good(), "/schemaURL"), "/producer"), "producer: missing");
    }

    @Test
    void wrongTypesAreNamed() {
        refused(Events.set(good(), "/run/runId", JSON.getNodeFactory().numberNode(7)), "run.runId: expected a string, got a number");
        refused(Events.set(good(), "/eventTime", JSON.getNodeFactory().numberNode(1700000000)), "eventTime: expected an ISO-8601 date-time string");
        refused(Events.set(good(), "/inputs", JSON.createObjectNode()), "inputs: expected an array of datasets, got an object");
        refused(Events.set(good(), "/inputs/0", TextNode.valueOf("s3://x")), "inputs[0]: expected a dataset object, got a string");
        refused(Events.set(good(), "/run", JSON.createArrayNode()), "run: expected an object, got an array");
        refused(Events.set(good(), "/job/facets", TextNode.valueOf("x")), "job.facets: expected an object, got a string");
        refused(Events.set(good(), "/eventType", JSON.getNodeFactory().booleanNode(true)), "eventType: must be one of START");
    }

    @Test
    void valuesOutsideTheSpecAreRefused() {
        refused(Events.set(good(), "/eventType", TextNode.valueOf("DONE")),
                "eventType: must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER, got \"DONE\"");
        refused(Events.set(good(), "/run/runId", TextNode.valueOf("run-42")), "run.runId: not a UUID: \"run-42\"");
        refused(Events.set(good(), "/run/runId", TextNode.valueOf(RUN_ID + "0")), "run.runId: not a UUID");
        refused(Events.set(good(), "/eventTime", TextNode.valueOf("yesterday")), "eventTime: not an ISO-8601 date-time: \"yesterday\"");
        refused(Events.set(good(), "/eventTime", TextNode.valueOf("2026-02-30T10:00:00Z")), "eventTime: not an ISO-8601");
    }

    @Test
    void mappedFacetsAreChecked() {
        ObjectNode parent = good();
        ObjectNode facet = Events.runFacets(parent).putObject("parent");
        facet.putObject("run").put("runId", "nope");
        facet.putObject("job").put("namespace", "n").put("name", "j");
        refused(parent, "run.facets.parent.run.runId: not a UUID");

        refused(Events.set(good(), "/inputs/0/facets/version/datasetVersion", JSON.getNodeFactory().numberNode(3)),
                "inputs[0].facets.version.datasetVersion: expected a string, got a number");

        ObjectNode location = good();
        Events.jobFacets(location).putObject("sourceCodeLocation").put("type", "git");
        refused(location, "job.facets.sourceCodeLocation.url: missing");

        ObjectNode error = good();
        Events.runFacets(error).putObject("errorMessage").put("programmingLanguage", "python");
        refused(error, "run.facets.errorMessage.message: missing");

        ObjectNode columns = good();
        ObjectNode fields = ((ObjectNode) columns.at("/outputs/0/facets")).putObject("columnLineage").putObject("fields");
        fields.putObject("amount").putArray("inputFields").addObject().put("namespace", "s3://bucket").put("name", "raw");
        refused(columns, "outputs[0].facets.columnLineage.fields.amount.inputFields[0].field: missing");
    }

    @Test
    void brokenJsonIsRefusedWithItsPosition() {
        refusedBytes("{\"eventTime\": ".getBytes(StandardCharsets.UTF_8), "not valid JSON");
        refusedBytes("[1, 2]".getBytes(StandardCharsets.UTF_8), "an event is a JSON object, not an array");
        refusedBytes("".getBytes(StandardCharsets.UTF_8), "empty");
        refusedBytes((Events.text(good()) + " trailing").getBytes(StandardCharsets.UTF_8), "not valid JSON");
        String duplicated = Events.text(good()).replaceFirst("\\{", "{\"eventType\":\"START\",");
        refusedBytes(duplicated.getBytes(StandardCharsets.UTF_8), "Duplicate field 'eventType'");
        refusedBytes(new byte[] {(byte) 0x1f, (byte) 0x8b, 8, 0}, "not valid JSON");
    }

    @Test
    void hugeStringsDeepNestingAndOversizedEventsAreRefusedWhileStreaming() {
        ObjectNode huge = good();
        Events.runFacets(huge).putObject("notes").put("text", "x".repeat(1_000_001));
        InvalidEventException tooLong = refused(huge, "refused, too large: String value length");
        assertTrue(tooLong.getMessage().startsWith("run.facets.notes.text"), tooLong.getMessage());

        StringBuilder deep = new StringBuilder(Events.text(good()));
        deep.setLength(deep.length() - 1);
        deep.append(",\"deep\":").append("[".repeat(200)).append("]".repeat(200)).append('}');
        refusedBytes(deep.toString().getBytes(StandardCharsets.UTF_8), "nesting depth");

        byte[] big = new byte[(4 << 20) + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        refusedBytes(big, "more than the 4194304 allowed");

        OpenLineageValidator tight = new OpenLineageValidator(new EventLimits(2048, 16, 100));
        ObjectNode wide = good();
        for (int i = 0; i < 300; i++) {
            Events.runFacets(wide).put("f" + i, "v" + i);
        }
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> tight.validate(Events.bytes(wide)));
        assertTrue(e.getMessage().contains("more than the 2048 allowed"), e.getMessage());
    }

    private InvalidEventException refused(ObjectNode event, String expected) {
        return refusedBytes(Events.bytes(event), expected);
    }

    private InvalidEventException refusedBytes(byte[] event, String expected) {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> validator.validate(event));
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
        return e;
    }
}
