package dev.braid.cli;

import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeLabels;
import dev.braid.lineage.NodeResolution;
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

    /**
     * A node the graph knows, as typed: a canonical id, {@code commit:<repo name>:<sha prefix>},
     * {@code repo:<repo name>}, or a prefix only one id has. Anything else is bad usage, with the
     * closest known nodes suggested (or the candidates, when it names several).
     */
    static NodeId knownNode(CommandSpec spec, LineageService lineage, String text) {
        NodeResolution found = lineage.resolve(text);
        if (found.node().isPresent()) {
            return found.node().get();
        }
        String lead = found.ambiguous() ? text + " names several nodes; give more of it:"
                : (text.indexOf(':') > 0 ? "unknown node: " : "not a node id (<kind>:<name>): ") + text
                + (found.candidates().isEmpty() ? " (find one with: braid lineage find TEXT)" : "; the closest known:");
        StringBuilder message = new StringBuilder(lead);
        for (LineageNode candidate : found.candidates()) {
            message.append(System.lineSeparator()).append("  ").append(candidate.id().value())
                    .append("  (").append(NodeLabels.label(candidate)).append(")");
        }
        throw new ParameterException(spec.commandLine(), message.toString());
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
