package dev.braid.pipelines.definitions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stages of a {@code Jenkinsfile}. A declarative Pipeline ({@code pipeline { stages {
 * ... } }}) becomes its stages in order, {@code parallel} branches side by side and nested
 * {@code stages} in sequence, each under its enclosing stage, named as Jenkins' stage view names
 * them. A scripted Pipeline is Groovy code: its {@code stage} blocks are drawn in the order
 * written, with a note that conditions, loops and computed branches were not evaluated.
 */
public final class JenkinsfileReader {
    private JenkinsfileReader() {
    }

    public static boolean isJenkinsfile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals("Jenkinsfile") || name.startsWith("Jenkinsfile.") || name.endsWith(".Jenkinsfile")
                || name.endsWith(".jenkinsfile");
    }

    public static DefinitionDag read(TreeFiles files, String path, String text) {
        DagBuilder dag = new DagBuilder();
        List<GroovyBlocks.Block> top = GroovyBlocks.parse(text);
        GroovyBlocks.Block pipeline = top.stream().filter(b -> b.name().equals("pipeline")).findFirst().orElse(null);
        if (pipeline != null) {
            GroovyBlocks.Block stages = pipeline.first("stages");
            if (stages == null) {
                dag.note(path + ": the declarative pipeline has no 'stages' block.");
            } else {
                new Declarative(dag).sequence(stages.named("stage"), "", List.of());
            }
        } else {
            List<GroovyBlocks.Block> found = new ArrayList<>();
            collectStages(top, found);
            if (found.isEmpty()) {
                dag.note(path + " is a scripted Pipeline without stage blocks Braid can find.");
            } else {
                dag.note(path + " is a scripted Pipeline: its stages are drawn in the order written; conditions, loops"
                        + " and branches decided when it runs were not evaluated.");
                List<String> previous = List.of();
                Map<String, Integer> seen = new LinkedHashMap<>();
                for (GroovyBlocks.Block stage : found) {
                    String id = unique(stage.argument(), seen);
                    dag.job(id, stage.argument(), "", id, Map.of());
                    noteInterpolated(dag, stage);
                    for (String from : previous) {
                        dag.edge(from, id, DefinedEdge.Kind.ORDER, "");
                    }
                    previous = List.of(id);
                }
            }
        }
        return dag.build(DefinitionKind.JENKINS, path, files.commit(), path);
    }

    private static void collectStages(List<GroovyBlocks.Block> blocks, List<GroovyBlocks.Block> out) {
        for (GroovyBlocks.Block block : blocks) {
            if (block.name().equals("stage") && !block.argument().isEmpty()) {
                out.add(block);
            }
            collectStages(block.children(), out);
        }
    }

    private static String unique(String name, Map<String, Integer> seen) {
        int n = seen.merge(name, 1, Integer::sum);
        return n == 1 ? name : name + " #" + n;
    }

    private static void noteInterpolated(DagBuilder dag, GroovyBlocks.Block stage) {
        if (stage.interpolated()) {
            dag.note("The name of stage \"" + stage.argument() + "\" is computed when the Pipeline runs; it is shown as written.");
        }
    }

    /** Declarative stages: sequences, parallel branches and nested stages. */
    private static final class Declarative {
        private final DagBuilder dag;
        private final Map<String, Integer> seen = new LinkedHashMap<>();

        Declarative(DagBuilder dag) {
            this.dag = dag;
        }

        /** Adds stages one after another after {@code before}; returns the last stage's exits. */
        List<String> sequence(List<GroovyBlocks.Block> stages, String parent, List<String> before) {
            List<String> previous = before;
            for (GroovyBlocks.Block stage : stages) {
                previous = stage(stage, parent, previous);
            }
            return previous;
        }

        /** Adds one stage after {@code before}; returns the ids that end it. */
        private List<String> stage(GroovyBlocks.Block stage, String parent, List<String> before) {
            String name = stage.argument().isEmpty() ? "(unnamed stage)" : stage.argument();
            String id = unique(name, seen);
            Map<String, String> attributes = new LinkedHashMap<>();
            GroovyBlocks.Block parallel = stage.first("parallel");
            GroovyBlocks.Block nested = stage.first("stages");
            GroovyBlocks.Block matrix = stage.first("matrix");
            if (stage.first("when") != null) {
                attributes.put("when", "conditional");
            }
            if (parallel != null) {
                attributes.put("parallel", "true");
            }
            dag.job(id, name, parent, id, attributes);
            noteInterpolated(dag, stage);
            for (String from : before) {
                dag.edge(from, id, DefinedEdge.Kind.ORDER, "");
            }
            if (parallel != null) {
                List<String> ends = new ArrayList<>();
                for (GroovyBlocks.Block branch : parallel.named("stage")) {
                    ends.addAll(stage(branch, id, List.of(id)));
                }
                return ends.isEmpty() ? List.of(id) : ends;
            }
            if (nested != null) {
                List<String> ends = sequence(nested.named("stage"), id, List.of(id));
                return ends.isEmpty() ? List.of(id) : ends;
            }
            if (matrix != null) {
                dag.note("Stage '" + name + "' runs a matrix; its cells are decided by the axes when it runs and are"
                        + " drawn as the one stage.");
                GroovyBlocks.Block inner = matrix.first("stages");
                if (inner != null) {
                    List<String> ends = sequence(inner.named("stage"), id, List.of(id));
                    return ends.isEmpty() ? List.of(id) : ends;
                }
            }
            return List.of(id);
        }
    }
}
