package dev.braid.cli;

import dev.braid.pipelines.definitions.DefinedEdge;
import dev.braid.pipelines.definitions.DefinedJob;
import dev.braid.pipelines.definitions.DefinitionDag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How {@code braid pipelines dag} writes a {@link DefinitionDag}: text, Graphviz DOT or JSON. */
final class DagFormat {
    private DagFormat() {
    }

    /**
     * Text: a heading line, then the jobs stage by stage, each with what it waits for
     * ({@code <-}), then a {@code note:} line for everything left out.
     */
    static String text(DefinitionDag dag) {
        StringBuilder out = new StringBuilder();
        out.append(dag.file()).append(" (").append(dag.kind().sourceKind()).append(") at ").append(shortHash(dag.commit()))
                .append(": ").append(dag.jobs().size()).append(dag.jobs().size() == 1 ? " job, " : " jobs, ")
                .append(dag.edges().size()).append(dag.edges().size() == 1 ? " edge" : " edges");
        if (!dag.name().equals(dag.file())) {
            out.append(" — ").append(dag.name());
        }
        out.append('\n');
        Map<String, List<DefinedJob>> byStage = new LinkedHashMap<>();
        dag.stages().forEach(s -> byStage.put(s, new ArrayList<>()));
        dag.topologicalOrder().forEach(j -> byStage.computeIfAbsent(j.stage(), k -> new ArrayList<>()).add(j));
        for (Map.Entry<String, List<DefinedJob>> stage : byStage.entrySet()) {
            if (stage.getValue().isEmpty()) {
                continue;
            }
            String indent = "";
            if (!stage.getKey().isEmpty()) {
                out.append("stage ").append(stage.getKey()).append('\n');
                indent = "  ";
            }
            for (DefinedJob job : stage.getValue()) {
                out.append(indent).append(job.id());
                if (!job.name().equals(job.id())) {
                    out.append(" \"").append(job.name()).append('"');
                }
                if (!job.needs().isEmpty()) {
                    out.append("  <- ").append(String.join(", ", job.needs()));
                }
                out.append('\n');
            }
        }
        dag.notes().forEach(n -> out.append("note: ").append(n).append('\n'));
        return out.toString();
    }

    /** Graphviz DOT: one cluster per stage, declared needs solid, order dashed, data bold with its label. */
    static String dot(DefinitionDag dag) {
        StringBuilder out = new StringBuilder("digraph ").append(quote(dag.name())).append(" {\n  rankdir=LR;\n");
        Map<String, List<DefinedJob>> byStage = new LinkedHashMap<>();
        dag.jobs().forEach(j -> byStage.computeIfAbsent(j.stage(), k -> new ArrayList<>()).add(j));
        int cluster = 0;
        for (Map.Entry<String, List<DefinedJob>> stage : byStage.entrySet()) {
            String indent = "  ";
            if (!stage.getKey().isEmpty()) {
                out.append("  subgraph cluster_").append(cluster++).append(" {\n    label=").append(quote(stage.getKey())).append(";\n");
                indent = "    ";
            }
            for (DefinedJob job : stage.getValue()) {
                out.append(indent).append(quote(job.id())).append(" [label=").append(quote(job.name())).append("];\n");
            }
            if (!stage.getKey().isEmpty()) {
                out.append("  }\n");
            }
        }
        for (DefinedEdge edge : dag.edges()) {
            out.append("  ").append(quote(edge.from())).append(" -> ").append(quote(edge.to()));
            switch (edge.kind()) {
                case ORDER -> out.append(" [style=dashed]");
                case DATA -> out.append(edge.label().isEmpty() ? " [style=bold]" : " [style=bold, label=" + quote(edge.label()) + "]");
                default -> { }
            }
            out.append(";\n");
        }
        return out.append("}\n").toString();
    }

    /** The JSON object of one DAG. */
    static Map<String, Object> json(DefinitionDag dag) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", dag.file());
        out.put("commit", dag.commit());
        out.put("source_kind", dag.kind().sourceKind());
        out.put("name", dag.name());
        out.put("stages", dag.stages());
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (DefinedJob job : dag.jobs()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("id", job.id());
            j.put("name", job.name());
            j.put("stage", job.stage());
            j.put("needs", job.needs());
            j.put("group", job.group());
            j.put("attributes", job.attributes());
            jobs.add(j);
        }
        out.put("jobs", jobs);
        List<Map<String, Object>> edges = new ArrayList<>();
        for (DefinedEdge edge : dag.edges()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("from", edge.from());
            e.put("to", edge.to());
            e.put("kind", edge.kind().name().toLowerCase());
            e.put("label", edge.label());
            edges.add(e);
        }
        out.put("edges", edges);
        out.put("notes", dag.notes());
        return out;
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static String shortHash(String commit) {
        return commit.length() > 10 ? commit.substring(0, 10) : commit;
    }
}
