package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import dev.braid.sync.SyncRun;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code braid status [--json]}: every source with its kind and how its last sync went. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Lists every source with its kind, last sync time and outcome.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    private BraidCommand root;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = root.environment();
        try (AppContext context = root.openReadContext()) {
            AnswerCheck.tables(root, context, AnswerCheck.STATUS);
            List<SourceStatus> statuses = new ArrayList<>();
            for (Source source : context.sources().list()) {
                statuses.add(new SourceStatus(source, context.syncRuns().latest(source.id()),
                        context.syncRuns().latestSuccess(source.id())));
            }
            if (json) {
                new JsonOutput(env.data()).document(statuses.stream().map(SourceStatus::toJson).toList());
            } else if (statuses.isEmpty()) {
                env.err().println("No sources yet. Add one with: braid repo add PATH_OR_URL");
            } else {
                printTable(env, statuses);
            }
            return ExitCodes.OK;
        }
    }

    private static void printTable(CliEnvironment env, List<SourceStatus> statuses) {
        ZoneId zone = env.clock().getZone();
        TextTable table = new TextTable("NAME", "KIND", "LAST SYNC", "OUTCOME");
        for (SourceStatus status : statuses) {
            table.row(status.source().name(), status.source().kind(), Times.readable(status.lastSyncTime(), zone),
                    status.last().map(SyncSummary::describe).orElse("never synced"));
        }
        table.print(env.out());
    }

    /** A source with its latest run and its latest successful run. */
    record SourceStatus(Source source, Optional<SyncRun> last, Optional<SyncRun> lastSuccess) {
        Instant lastSyncTime() {
            return last.map(run -> run.endedAt() != null ? run.endedAt() : run.startedAt()).orElse(null);
        }

        Map<String, Object> toJson() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", source.name());
            fields.put("kind", source.kind());
            fields.put("lastSync", Times.iso(lastSyncTime()));
            fields.put("outcome", last.map(run -> run.outcome().name()).orElse(null));
            fields.put("error", last.map(SyncRun::error).orElse(null));
            fields.put("warnings", last.map(SyncRun::warnings).orElse(java.util.List.of()));
            fields.put("added", last.map(run -> run.counts().added()).orElse(null));
            fields.put("changed", last.map(run -> run.counts().changed()).orElse(null));
            fields.put("removed", last.map(run -> run.counts().removed()).orElse(null));
            fields.put("lastSuccess", Times.iso(lastSuccess.map(SyncRun::endedAt).orElse(null)));
            return fields;
        }
    }
}
