package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SyncFailure;
import dev.braid.testing.MlflowHarness;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Edits written back to a real MLflow server, checked with the MLflow Python client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunEditServiceTest {
    private MlflowCache cache;
    private MlflowHarness mlflow;
    private JsonNode seeded;
    private Database db;
    private ExperimentService service;
    private RunEditService edits;
    private MlflowSyncer syncer;
    private Source source;
    private String baseline;

    @BeforeAll
    void startSeedAndSync(@TempDir Path tmp) throws Exception {
        cache = MlflowCache.start(tmp);
        mlflow = cache.mlflow;
        seeded = cache.seeded;
        db = cache.db;
        service = cache.service;
        edits = cache.edits;
        syncer = cache.syncer;
        source = cache.source;
        syncer.sync(source, TestContexts.quiet());
        baseline = seeded.get("edited_tags").get(0).get("run_id").asText();
    }

    @AfterAll
    void stop() {
        if (cache != null) {
            cache.close();
        }
    }

    @Test
    @Order(1)
    void aTagIsCachedAtOnceAndOnTheServerOnceSent() throws Exception {
        OutboxEntry entry = edits.setTag(source.id(), baseline, "owner", "ana");
        assertEquals(OutboxState.PENDING, entry.state());
        assertNull(entry.oldValue());
        assertEquals("ana", cachedTags(baseline).get("owner"));
        assertNull(remoteTags(baseline).get("owner"), "nothing is sent before sendPending");

        assertEquals(new RunEditReport(1, 0, 0, 0, null), edits.sendPending(source.id()));
        assertEquals("ana", remoteTags(baseline).get("owner"));
        assertEquals(OutboxState.SENT, edits.entry(entry.id()).orElseThrow().state());
        List<AuditEntry> audit = edits.auditLog(2);
        assertEquals(List.of("SENT", "PENDING"), audit.stream().map(AuditEntry::outcome).toList());
        assertEquals("run " + baseline + " tag owner", audit.get(0).target());
        assertEquals("ana", audit.get(1).newValue());

        edits.deleteTag(source.id(), baseline, "owner");
        assertNull(cachedTags(baseline).get("owner"));
        assertEquals(1, edits.sendPending(source.id()).sent());
        assertNull(remoteTags(baseline).get("owner"));
    }

    @Test
    @Order(2)
    void notesAndNamesRoundTripAndSurviveTheNextSync() throws Exception {
        edits.editNote(source.id(), baseline, "second try");
        OutboxEntry rename = edits.renameRun(source.id(), baseline, "baseline-v2");
        assertEquals("baseline", rename.oldValue());
        RunSummary cached = service.run(source.id(), baseline).orElseThrow().summary();
        assertEquals("baseline-v2", cached.runName());
        assertEquals("baseline-v2", cached.tags().get("mlflow.runName"));
        assertEquals("second try", cached.tags().get(RunEditService.NOTE_TAG));

        assertEquals(2, edits.sendPending(source.id()).sent());
        JsonNode remote = mlflow.python("get-run", baseline);
        assertEquals("baseline-v2", remote.get("run_name").asText());
        assertEquals("baseline-v2", remote.get("tags").get("mlflow.runName").asText());
        assertEquals("second try", remote.get("tags").get(RunEditService.NOTE_TAG).asText());
        service.requestReconciliation(source.id());
        syncer.sync(source, TestContexts.quiet());
        assertEquals("baseline-v2", service.run(source.id(), baseline).orElseThrow().summary().runName());
    }

    @Test
    @Order(3)
    void anEditMadeWhileTheServerIsDownIsQueuedAndDeliveredAfterItComesBack() throws Exception {
        mlflow.stop();
        OutboxEntry entry = edits.setTag(source.id(), baseline, "stage", "approved");
        assertEquals("reviewed", entry.oldValue());
        RunEditReport report = edits.sendPending(source.id());
        assertEquals(1, report.stillPending());
        assertTrue(report.reason().contains("cannot reach MLflow"), report.reason());
        OutboxEntry queued = edits.entry(entry.id()).orElseThrow();
        assertEquals(OutboxState.PENDING, queued.state());
        assertEquals(1, queued.attempts());
        assertEquals(report.reason(), queued.lastError());
        assertEquals(List.of(queued), edits.pending(source.id()));
        assertThrows(SyncFailure.class, () -> syncer.sync(source, TestContexts.quiet()));
        assertEquals("approved", cachedTags(baseline).get("stage"));

        mlflow.restart();
        syncer.sync(source, TestContexts.quiet());
        assertEquals(OutboxState.SENT, edits.entry(entry.id()).orElseThrow().state());
        assertEquals("approved", remoteTags(baseline).get("stage"));
        assertEquals("approved", cachedTags(baseline).get("stage"));
        assertTrue(edits.pending(null).isEmpty());
    }

    @Test
    @Order(4)
    void aSyncKeepsAPendingEditOverWhatTheServerSays() throws Exception {
        mlflow.stop();
        edits.setTag(source.id(), baseline, "stage", "shipped");
        mlflow.restart();
        // What a sync does when an edit is still pending after the send step: write the server's
        // copy of the run, then re-apply the outbox, in one transaction.
        RemoteRun fresh = new MlflowConnector(Map.of(), Duration.ofSeconds(30)).client(source).run(baseline);
        assertEquals("approved", fresh.tags().get("stage"));
        db.write(c -> {
            new ExperimentStore().upsertRun(c, source.id(), fresh, 0);
            edits.reapplyPending(c, source.id());
            return null;
        });
        assertEquals("shipped", cachedTags(baseline).get("stage"));
        assertEquals(1, edits.sendPending(source.id()).sent());
        assertEquals("shipped", remoteTags(baseline).get("stage"));
    }

    @Test
    @Order(5)
    void aValueChangedOnTheServerSinceBraidReadItIsAConflictAndNotOverwritten() throws Exception {
        mlflow.python("set-tag", baseline, "stage", "rejected");
        OutboxEntry entry = edits.setTag(source.id(), baseline, "stage", "final");
        assertEquals("shipped", entry.oldValue());

        RunEditReport report = edits.sendPending(source.id());
        assertEquals(1, report.conflicts());
        assertEquals("rejected", remoteTags(baseline).get("stage"));
        OutboxEntry conflict = edits.entry(entry.id()).orElseThrow();
        assertEquals(OutboxState.CONFLICT, conflict.state());
        assertTrue(conflict.lastError().contains("'rejected'") && conflict.lastError().contains("'shipped'"),
                conflict.lastError());
        assertEquals(List.of(conflict), edits.conflicts(source.id()));
        assertEquals("rejected", cachedTags(baseline).get("stage"), "the cache shows the server's value again");
        AuditEntry audit = edits.auditLog(1).get(0);
        assertEquals("CONFLICT", audit.outcome());
        assertEquals("shipped", audit.oldValue());
        assertEquals("final", audit.newValue());
        assertTrue(audit.detail().contains("'rejected'"), audit.detail());
        syncer.sync(source, TestContexts.quiet());
        assertEquals("rejected", cachedTags(baseline).get("stage"));
    }

    @Test
    @Order(6)
    void aliasesAreSetAndRemoved() throws Exception {
        edits.setAlias(source.id(), "fraud-model", "staging", "1");
        edits.removeAlias(source.id(), "fraud-model", "challenger");
        assertEquals(Map.of("champion", "2", "staging", "1"), fraudAliases());
        assertEquals(2, edits.sendPending(source.id()).sent());
        assertEquals("1", mlflow.python("get-alias", "fraud-model", "staging").get("version").asText());
        assertTrue(mlflow.python("get-alias", "fraud-model", "challenger").get("version").isNull());
        syncer.sync(source, TestContexts.quiet());
        assertEquals(Map.of("champion", "2", "staging", "1"), fraudAliases());
        assertThrows(ExperimentException.class, () -> edits.setAlias(source.id(), "fraud-model", "x", "9"));
    }

    @Test
    @Order(7)
    void aRefusedEditFailsWithTheServersReason() throws Exception {
        OutboxEntry entry = edits.setTag(source.id(), baseline, "bad*key", "x");
        assertEquals(1, edits.sendPending(source.id()).failed());
        OutboxEntry failed = edits.entry(entry.id()).orElseThrow();
        assertEquals(OutboxState.FAILED, failed.state());
        assertTrue(failed.lastError().contains("HTTP 400"), failed.lastError());
        assertEquals(List.of(failed), edits.failures(source.id()));
        assertEquals("FAILED", edits.auditLog(1).get(0).outcome());
        assertThrows(ExperimentException.class, () -> edits.setTag(source.id(), "no-such-run", "k", "v"));
    }

    @Test
    @Order(8)
    void theAuditLogHoldsEveryEditAndEveryOutcome() {
        List<AuditEntry> all = edits.auditLog(1000);
        long made = all.stream().filter(a -> a.outcome().equals("PENDING")).count();
        long settled = all.stream().filter(a -> !a.outcome().equals("PENDING")).count();
        assertEquals(10, made);
        assertEquals(made, settled, "every edit was settled");
        assertTrue(all.stream().allMatch(a -> a.detail().startsWith("outbox #")));
    }

    private Map<String, String> cachedTags(String runId) {
        return service.run(source.id(), runId).orElseThrow().summary().tags();
    }

    private Map<String, String> remoteTags(String runId) throws Exception {
        JsonNode tags = mlflow.python("get-run", runId).get("tags");
        Map<String, String> out = new java.util.LinkedHashMap<>();
        tags.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private Map<String, String> fraudAliases() {
        return service.models().stream().filter(m -> m.name().equals("fraud-model")).findFirst().orElseThrow().aliases();
    }
}
