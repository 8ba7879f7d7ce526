package dev.braid.security.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of scan reports ({@code braid scan --format json}): one document with the
 * scanner's version and policy, every file with its hash, format, rating, imports and findings,
 * and a count per rating. Field names are part of the command line's contract (ADR 4).
 */
public final class ScanJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScanJson() {
    }

    public static ObjectNode document(List<FileReport> reports, String braidVersion, String policyVersion) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scanner", "braid");
        root.put("version", braidVersion);
        root.put("policy", policyVersion);
        ArrayNode files = root.putArray("files");
        Map<Rating, Integer> counts = new EnumMap<>(Rating.class);
        for (Rating r : Rating.values()) {
            counts.put(r, 0);
        }
        for (FileReport report : reports) {
            files.add(file(report));
            counts.merge(report.rating(), 1, Integer::sum);
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("files", reports.size());
        counts.forEach((rating, n) -> summary.put(rating.word(), n));
        summary.put("rating", reports.stream().map(FileReport::rating).reduce(Rating.SAFE, Rating::max).word());
        return root;
    }

    /** The imports of a file as {@link #file} wrote them. */
    public static List<ImportReport> imports(JsonNode file) {
        List<ImportReport> out = new ArrayList<>();
        for (JsonNode i : file.path("imports")) {
            out.add(new ImportReport(i.path("location").asText(""), i.path("module").asText(""), i.path("name").asText(""),
                    i.path("opcode").asText(""), i.path("called").asBoolean(), Rating.ofWord(i.path("rating").asText("unknown")),
                    i.path("reason").asText(""), i.path("count").asInt(1)));
        }
        return out;
    }

    /** The findings of a file as {@link #file} wrote them. */
    public static List<Finding> findings(JsonNode file) {
        List<Finding> out = new ArrayList<>();
        for (JsonNode f : file.path("findings")) {
            out.add(new Finding(f.path("location").asText(""), Rating.ofWord(f.path("rating").asText("unknown")),
                    FindingKind.valueOf(f.path("kind").asText("unreadable").toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
                    f.path("subject").asText(""), f.path("message").asText("")));
        }
        return out;
    }

    public static ObjectNode file(FileReport report) {
        ObjectNode file = JSON.createObjectNode();
        file.put("path", report.path());
        file.put("sha256", report.sha256());
        file.put("size", report.size());
        file.put("format", report.format().id());
        file.put("rating", report.rating().word());
        file.put("millis", report.millis());
        ArrayNode imports = file.putArray("imports");
        for (ImportReport i : report.imports()) {
            ObjectNode node = imports.addObject();
            node.put("location", i.location());
            node.put("module", i.module());
            node.put("name", i.name());
            node.put("opcode", i.opcode());
            node.put("called", i.called());
            node.put("count", i.count());
            node.put("rating", i.rating().word());
            node.put("reason", i.reason());
        }
        ArrayNode findings = file.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode node = findings.addObject();
            node.put("location", f.location());
            node.put("rating", f.rating().word());
            node.put("kind", f.kind().id());
            node.put("subject", f.subject());
            node.put("message", f.message());
        }
        return file;
    }
}
