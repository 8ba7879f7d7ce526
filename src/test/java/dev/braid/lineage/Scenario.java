package dev.braid.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The graph one scenario of {@code openlineage_emit.py} must produce, node by node and edge by
 * edge: written out here independently of the mapper, from the run ids the script reports.
 */
public final class Scenario {
    public static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";
    public static final String COMMIT = "commit:github.com/acme/fraud:" + SHA;
    public static final String REPO = "repo:github.com/acme/fraud";
    public static final String RAW = "dataset:s3://bucket:raw/events.csv";

    private Scenario() {
    }

    /** "id|name|status" lines for the nodes only this scenario makes. */
    public static List<String> nodes(String name, JsonNode runs) {
        String features = "s3://bucket:" + name + "/features.parquet";
        return List.of(
                "dataset-version:" + features + "@v1|" + name + "/features.parquet@v1|",
                "dataset:" + features + "|" + name + "/features.parquet|",
                "dataset:s3://bucket:" + name + "/report.html|" + name + "/report.html|",
                run(runs, "clean") + "|" + name + ".clean #" + runs.get("clean").asText().substring(28) + "|COMPLETE",
                run(runs, "nightly") + "|" + name + ".nightly #" + runs.get("nightly").asText().substring(28) + "|COMPLETE",
                run(runs, "train") + "|" + name + ".train #" + runs.get("train").asText().substring(28) + "|FAILED",
                "job:pipelines:" + name + ".clean|" + name + ".clean|",
                "job:pipelines:" + name + ".nightly|" + name + ".nightly|",
                "job:pipelines:" + name + ".report|" + name + ".report|",
                "job:pipelines:" + name + ".train|" + name + ".train|");
    }

    /** Nodes every scenario shares. */
    public static List<String> sharedNodes() {
        return List.of(COMMIT + "|89abcdef0123|", RAW + "|raw/events.csv|", REPO + "|github.com/acme/fraud|");
    }

    public static List<String> edges(String name, JsonNode runs) {
        String features = "dataset:s3://bucket:" + name + "/features.parquet";
        String v1 = "dataset-version:s3://bucket:" + name + "/features.parquet@v1";
        String job = "job:pipelines:" + name;
        List<String> out = new ArrayList<>(List.of(
                COMMIT + " -built-from-> " + run(runs, "clean"),
                RAW + " -input-> " + run(runs, "clean"),
                v1 + " -input-> " + run(runs, "train"),
                features + " -input-> " + job + ".report",
                features + " -version-> " + v1,
                run(runs, "clean") + " -output-> " + v1,
                run(runs, "clean") + " -output-> " + features,
                run(runs, "nightly") + " -parent-> " + run(runs, "clean"),
                run(runs, "nightly") + " -parent-> " + run(runs, "train"),
                job + ".clean -run-of-> " + run(runs, "clean"),
                job + ".nightly -run-of-> " + run(runs, "nightly"),
                job + ".report -output-> dataset:s3://bucket:" + name + "/report.html",
                job + ".train -run-of-> " + run(runs, "train")));
        return out;
    }

    public static String run(JsonNode runs, String which) {
        return "job-run:" + runs.get(which).asText();
    }
}
