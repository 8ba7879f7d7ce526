package dev.braid.cli;

import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Turns lineage command arguments into node ids and times, or into usage errors (exit code 2). */
final class LineageArgs {
    private LineageArgs() {
    }

    /** A node the graph knows; anything else is bad usage. */
    static NodeId knownNode(CommandSpec spec, LineageService lineage, String text) {
        NodeId id;
        try {
            id = new NodeId(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "not a node id (<kind>:<name>): " + text);
        }
        if (!lineage.exists(id)) {
            throw new ParameterException(spec.commandLine(), "unknown node: " + text);
        }
        return id;
    }

    /** {@code --as-of}: an ISO-8601 instant or date-time with offset, or a date meaning the end of that day (UTC). */
    static Instant asOf(CommandSpec spec, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notADateTime) {
            try {
                return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--as-of is an ISO-8601 time (2026-03-01T12:00:00Z) or date, not: " + text);
            }
        }
    }

    static void checkDepth(CommandSpec spec, int depth) {
        if (depth < 0 || depth > LineageService.UNBOUNDED) {
            throw new ParameterException(spec.commandLine(), "--depth is 0 to " + LineageService.UNBOUNDED + ", not " + depth);
        }
    }
}
