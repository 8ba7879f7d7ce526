package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.security.audit.AuditEvent;
import dev.braid.security.audit.AuditQuery;
import dev.braid.security.audit.AuditTrail;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid audit [--user U] [--object TEXT] [--since T] [--until T] [--limit N] [--csv | --json]}. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"The audit trail, newest first: write-backs to MLflow (tags, notes, run names, aliases) and",
                "governance events (scans, refused promotions, overrides, BOM exports, sensitivity labels and how far",
                "they propagate). Times: 2026-05-01, 2026-05-01T10:00:00Z or with an offset."})
final class AuditCommand implements Callable<Integer> {
    @ParentCommand
    private BraidCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--user", paramLabel = "USER", description = "Lines by this user (part of the name).")
    private String user;

    @Option(names = "--object", paramLabel = "TEXT", description = "Lines about this object (part of its id or name).")
    private String object;

    @Option(names = "--since", paramLabel = "TIME", description = "From this time (a day starts at midnight, local time).")
    private String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before this time.")
    private String until;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "At most N lines (default 1000).")
    private int limit;

    @Option(names = "--csv", description = "Print CSV (RFC 4180).")
    private boolean csv;

    @Option(names = "--json", description = "Print a JSON array.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        if (csv && json) {
            throw new ParameterException(spec.commandLine(), "choose --csv or --json, not both");
        }
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        CliEnvironment env = root.environment();
        ZoneId zone = env.clock().getZone();
        AuditQuery query = new AuditQuery(user, object, time(since, zone), time(until, zone), limit);
        try (AppContext context = root.openContext()) {
            List<AuditEvent> events = context.security().audit().events(query);
            if (csv) {
                env.data().print(AuditTrail.csv(events));
            } else if (json) {
                new JsonOutput(env.data()).document(events.stream().map(AuditCommand::toJson).toList());
            } else if (events.isEmpty()) {
                env.err().println("No audit lines match.");
            } else {
                TextTable table = new TextTable("TIME", "ACTOR", "ACTION", "OBJECT", "OUTCOME", "DETAIL");
                for (AuditEvent e : events) {
                    table.row(Times.readable(e.at(), zone), e.actor() == null ? "-" : e.actor(), e.action(), e.object(),
                            e.outcome() == null ? "" : e.outcome(), e.detail() == null ? "" : e.detail());
                }
                table.print(env.out());
            }
            return ExitCodes.OK;
        }
    }

    private Instant time(String text, ZoneId zone) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDate.parse(text).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException e) {
                    throw new ParameterException(spec.commandLine(), "cannot read the time " + text
                            + "; write 2026-05-01 or 2026-05-01T10:00:00Z");
                }
            }
        }
    }

    private static Map<String, Object> toJson(AuditEvent e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("time", Times.iso(e.at()));
        out.put("actor", e.actor());
        out.put("kind", e.kind());
        out.put("action", e.action());
        out.put("object", e.object());
        out.put("outcome", e.outcome());
        out.put("detail", e.detail());
        out.put("source", e.source());
        return out;
    }
}
