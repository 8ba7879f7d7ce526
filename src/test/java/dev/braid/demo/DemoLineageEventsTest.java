package dev.braid.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.lineage.DatasetIdentity;
import dev.braid.lineage.Direction;
import dev.braid.lineage.EventLimits;
import dev.braid.lineage.ImportReport;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.OpenLineageImporter;
import dev.braid.lineage.OpenLineageIngest;
import dev.braid.lineage.OpenLineageValidator;
import dev.braid.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's pipeline events are valid OpenLineage and tie the demo's data to its commits. */
class DemoLineageEventsTest {
    @Test
    void everyEventIsAcceptedAndTheTrainingDataLeadsBackToItsCodeAndSource(@TempDir Path tmp) throws Exception {
        Path repo = new DemoWorkspace().createRepository(tmp.resolve("demo"));
        List<DemoMlflowStore.Commit> commits = DemoCommits.of(repo);
        Path events = tmp.resolve("events/demo.jsonl");
        int written = new DemoLineageEvents(DemoWorkspace.DEFAULT_SEED).write(events, repo, commits);

        try (Database db = Database.open(tmp.resolve("cache.db"))) {
            LineageService lineage = new LineageService(db, Clock.systemUTC());
            ImportReport report = new OpenLineageImporter(new OpenLineageValidator(EventLimits.STANDARD),
                    new OpenLineageIngest(lineage)).importPaths(List.of(events));
            assertEquals(List.of(), report.problems());
            assertEquals(written, report.added());

            DemoMlflowStore.Commit late = commits.get(commits.size() - 1);
            NodeId training = DatasetIdentity.fromUri(DemoLineageEvents.CUSTOMERS_URI)
                    .versionId(DemoLineageEvents.refreshOf(late.timeMillis()));
            Set<NodeId> upstream = lineage.closure(training, Direction.UPSTREAM, 4, null).stream()
                    .map(r -> r.node().id()).collect(Collectors.toSet());
            assertTrue(upstream.contains(DatasetIdentity.fromOpenLineage("postgres://crm.acme.internal:5432",
                    "crm.public.customers").nodeId()), upstream.toString());
            assertTrue(upstream.stream().anyMatch(id -> id.kind().equals(NodeKind.COMMIT)
                    && id.value().startsWith(LineageIds.commit(repo.toString(), "0".repeat(40)).value().replace("0".repeat(40), ""))),
                    "the ingest job's code is a commit of the demo repository: " + upstream);

            List<LineageNode> failed = lineage.find("churn.ingest_customers", 200).stream()
                    .filter(n -> n.kind().equals(NodeKind.JOB_RUN) && n.status().equals("FAILED")).toList();
            assertEquals(1, failed.size(), "one ingest attempt failed");
            assertTrue(failed.get(0).properties().getOrDefault("error", "").contains("timed out"));
        }
    }
}
