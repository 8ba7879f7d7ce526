package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import dev.braid.sync.SyncRun;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code braid source list [--json]}: every source with its kind, state, last sync and location. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists every source: name, kind, whether it is paused, how its last sync went, where it is.",
                "With --json, one array of objects: name, kind, paused, location, createdAt, lastSync, outcome,",
                "error, lastSuccess (times ISO-8601 UTC)."})
final class SourceListCommand implements Callable<Integer> {
    @ParentCommand
    private SourceCommand source;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = source.root().environment();
        try (AppContext context = source.root().openContext()) {
            List<Source> sources = context.sourceManager().list();
            if (json) {
                new JsonOutput(env.out()).document(sources.stream().map(s -> toJson(context, s)).toList());
            } else if (sources.isEmpty()) {
                env.err().println("No sources yet. Add one with: braid repo add PATH_OR_URL, or braid mlflow add URI");
            } else {
                ZoneId zone = env.clock().getZone();
                TextTable table = new TextTable("NAME", "KIND", "STATE", "LAST SYNC", "LOCATION");
                for (Source s : sources) {
                    Optional<SyncRun> last = context.syncRuns().latest(s.id());
                    table.row(s.name(), s.kind(), state(s, last), Times.readable(when(last), zone), s.location());
                }
                table.print(env.out());
            }
            return ExitCodes.OK;
        }
    }

    private static String state(Source s, Optional<SyncRun> last) {
        String outcome = last.map(run -> run.outcome().name().toLowerCase(java.util.Locale.ROOT)).orElse("never synced");
        return s.paused() ? "paused, " + outcome : outcome;
    }

    private static Instant when(Optional<SyncRun> last) {
        return last.map(run -> run.endedAt() != null ? run.endedAt() : run.startedAt()).orElse(null);
    }

    private static Map<String, Object> toJson(AppContext context, Source s) {
        Optional<SyncRun> last = context.syncRuns().latest(s.id());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", s.name());
        fields.put("kind", s.kind());
        fields.put("paused", s.paused());
        fields.put("location", s.location());
        fields.put("createdAt", Times.iso(s.createdAt()));
        fields.put("lastSync", Times.iso(when(last)));
        fields.put("outcome", last.map(run -> run.outcome().name()).orElse(null));
        fields.put("error", last.map(SyncRun::error).orElse(null));
        fields.put("lastSuccess", Times.iso(context.syncRuns().latestSuccess(s.id()).map(SyncRun::endedAt).orElse(null)));
        return fields;
    }
}
