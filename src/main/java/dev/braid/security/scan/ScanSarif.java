package dev.braid.security.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scan reports as SARIF 2.1.0, so GitHub code scanning and GitLab show the findings: one rule
 * per kind of finding and rating ({@code braid/import/dangerous}), results at level
 * {@code error} (dangerous), {@code warning} (suspicious) or {@code note} (unknown), each on the
 * file's artifact (with its SHA-256) and, inside archives, the member as a logical location.
 * Safe files have no results. Paths are kept relative when they were given relative, as
 * uploaders resolve them against the repository.
 */
public final class ScanSarif {
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScanSarif() {
    }

    public static ObjectNode document(List<FileReport> reports, String braidVersion, String policyVersion) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "braid");
        driver.put("fullName", "Braid model scanner");
        driver.put("version", braidVersion);
        driver.put("semanticVersion", braidVersion.matches("\\d+\\.\\d+\\.\\d+.*") ? braidVersion : "0.0.0");
        driver.putObject("properties").put("policy", policyVersion);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode artifacts = run.putArray("artifacts");
        ArrayNode results = run.putArray("results");
        for (int a = 0; a < reports.size(); a++) {
            FileReport report = reports.get(a);
            String uri = uri(report.path());
            ObjectNode artifact = artifacts.addObject();
            artifact.putObject("location").put("uri", uri);
            if (report.size() >= 0) {
                artifact.put("length", report.size());
            }
            if (report.sha256() != null) {
                artifact.putObject("hashes").put("sha-256", report.sha256());
            }
            artifact.putObject("properties").put("format", report.format().id()).put("rating", report.rating().word());
            for (Finding f : report.findings()) {
                String ruleId = "braid/" + f.kind().id() + "/" + f.rating().word();
                int index = ruleIndex.computeIfAbsent(ruleId, id -> {
                    rules.add(rule(id, f.kind(), f.rating()));
                    return rules.size() - 1;
                });
                results.add(result(f, ruleId, index, uri, a, report.sha256()));
            }
        }
        run.putArray("invocations").addObject().put("executionSuccessful", true);
        run.putObject("properties").put("files", reports.size());
        return root;
    }

    private static ObjectNode rule(String id, FindingKind kind, Rating rating) {
        ObjectNode rule = JSON.createObjectNode();
        rule.put("id", id);
        rule.put("name", kind.id() + "-" + rating.word());
        rule.putObject("shortDescription").put("text", describe(kind) + " (" + rating.word() + ")");
        rule.putObject("fullDescription").put("text", describe(kind) + ". Braid rated it " + rating.word()
                + "; model files are read, never loaded.");
        rule.putObject("defaultConfiguration").put("level", level(rating));
        ObjectNode properties = rule.putObject("properties");
        properties.putArray("tags").add("security").add("supply-chain").add("ml-model");
        properties.put("security-severity", switch (rating) {
            case DANGEROUS -> "9.0";
            case SUSPICIOUS -> "6.0";
            case UNKNOWN -> "3.0";
            case SAFE -> "0.0";
        });
        return rule;
    }

    private static ObjectNode result(Finding f, String ruleId, int ruleIndex, String uri, int artifactIndex, String sha) {
        ObjectNode result = JSON.createObjectNode();
        result.put("ruleId", ruleId);
        result.put("ruleIndex", ruleIndex);
        result.put("level", level(f.rating()));
        result.putObject("message").put("text", (f.location().isEmpty() ? "" : f.location() + ": ") + f.message());
        ObjectNode location = result.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri).put("index", artifactIndex);
        if (!f.location().isEmpty()) {
            location.putArray("logicalLocations").addObject().put("fullyQualifiedName", f.location()).put("kind", "member");
        }
        if (sha != null) {
            result.putObject("partialFingerprints").put("braidFinding/v1", Integer.toHexString(
                    (sha + "|" + f.location() + "|" + f.kind() + "|" + f.subject()).hashCode()));
        }
        ObjectNode properties = result.putObject("properties");
        properties.put("rating", f.rating().word());
        properties.put("subject", f.subject());
        return result;
    }

    private static String level(Rating rating) {
        return switch (rating) {
            case DANGEROUS -> "error";
            case SUSPICIOUS -> "warning";
            case UNKNOWN, SAFE -> "note";
        };
    }

    private static String describe(FindingKind kind) {
        return switch (kind) {
            case IMPORT -> "A pickle imports a global its loader would call or hand on";
            case UNRESOLVED_IMPORT -> "A pickle imports something whose name Braid cannot read";
            case NESTED_PICKLE -> "A pickle hides another pickle";
            case MALFORMED -> "A model file is broken or cut short";
            case LIMIT -> "A model file is too large, deep or compressed to scan completely";
            case KERAS_CODE -> "A Keras model carries or imports code";
            case EXTERNAL_DATA -> "An ONNX model reads data from outside its folder";
            case UNREADABLE -> "A file named as a model cannot be read as one";
        };
    }

    /** A relative path stays relative (slashes, percent-encoded); an absolute one becomes a file URI. */
    static String uri(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p.toUri().toASCIIString();
        }
        try {
            return new URI(null, null, path.replace('\\', '/'), null).toASCIIString();
        } catch (URISyntaxException e) {
            return path;
        }
    }
}
