package dev.braid.pipelines.dvc;

import dev.braid.lineage.dvc.DvcFiles;
import dev.braid.lineage.dvc.DvcFormatException;
import dev.braid.lineage.dvc.DvcStage;
import dev.braid.pipelines.definitions.DagBuilder;
import dev.braid.pipelines.definitions.DefinedEdge;
import dev.braid.pipelines.definitions.DefinitionDag;
import dev.braid.pipelines.definitions.DefinitionKind;
import dev.braid.pipelines.definitions.DefinitionReader;
import dev.braid.pipelines.definitions.TreeFiles;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code dvc.yaml} as a {@link DefinitionDag}: one job per stage (after {@code foreach} and
 * {@code matrix}), an edge wherever a stage depends on a path another stage of the same file
 * writes (or a file inside a folder it writes), labelled with that path, like {@code dvc dag}.
 */
public final class DvcDagReader implements DefinitionReader {
    @Override
    public DefinitionKind kind() {
        return DefinitionKind.DVC;
    }

    @Override
    public boolean candidate(String path) {
        return DvcPipeline.isPipelineFile(path);
    }

    @Override
    public DefinitionDag read(TreeFiles files, String path, String text) throws IOException {
        return dag(DvcPipelineFile.read(files, path, text), files.commit(), trackedData(files));
    }

    /** The data {@code .dvc} files track: tracked path → the {@code .dvc} file. */
    static Map<String, String> trackedData(TreeFiles files) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : files.pathsEndingWith(List.of(".dvc"))) {
            if (path.endsWith(".dvc") && !path.startsWith(".dvc/") && path.length() > 4) {
                try {
                    for (DvcStage tracked : DvcFiles.parseDvcFile(path, files.read(path).orElse("")).stages()) {
                        tracked.outs().forEach(o -> out.put(o.path(), path));
                    }
                } catch (DvcFormatException e) {
                    // Unreadable .dvc files only lose their node; dvc status names them.
                }
            }
        }
        return out;
    }

    /**
     * The DAG of one read {@code dvc.yaml}; {@code tracked} maps data tracked by {@code .dvc}
     * files to those files, which become source nodes (attribute {@code tracks}) as in {@code dvc dag}.
     */
    public static DefinitionDag dag(DvcPipelineFile.Contents contents, String commit, Map<String, String> tracked) {
        DagBuilder dag = new DagBuilder();
        contents.notes().forEach(dag::note);
        for (DvcPipelineStage stage : contents.stages()) {
            for (String dep : stage.deps()) {
                for (Map.Entry<String, String> data : tracked.entrySet()) {
                    if (DvcPath.within(dep, data.getKey()) || DvcPath.within(data.getKey(), dep)) {
                        if (!dag.hasJob(data.getValue())) {
                            dag.job(data.getValue(), data.getValue(), "", data.getValue(), Map.of("tracks", data.getKey()));
                        }
                        dag.edge(data.getValue(), stage.name(), DefinedEdge.Kind.DATA, dep);
                    }
                }
            }
        }
        for (DvcPipelineStage stage : contents.stages()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("cmd", stage.cmd());
            if (!stage.wdir().equals(folderOf(contents.file()))) {
                attributes.put("wdir", stage.wdir());
            }
            if (stage.frozen()) {
                attributes.put("frozen", "true");
            }
            if (stage.alwaysChanged()) {
                attributes.put("always_changed", "true");
            }
            if (!stage.deps().isEmpty()) {
                attributes.put("deps", String.join(", ", stage.deps()));
            }
            if (!stage.outs().isEmpty()) {
                attributes.put("outs", String.join(", ", stage.outs().stream().map(DvcPipelineStage.Output::path).toList()));
            }
            dag.job(stage.name(), stage.name(), "", stage.group(), attributes);
        }
        for (DvcPipelineStage consumer : contents.stages()) {
            for (String dep : consumer.deps()) {
                for (DvcPipelineStage producer : contents.stages()) {
                    if (producer == consumer) {
                        continue;
                    }
                    for (DvcPipelineStage.Output out : producer.outs()) {
                        if (DvcPath.within(dep, out.path()) || DvcPath.within(out.path(), dep)) {
                            dag.edge(producer.name(), consumer.name(), DefinedEdge.Kind.DATA, dep);
                        }
                    }
                }
            }
        }
        return dag.build(DefinitionKind.DVC, contents.file(), commit, contents.file());
    }

    private static String folderOf(String path) {
        return DvcPath.folderOf(path);
    }

    /** The list form the definition service takes. */
    public static List<DefinitionReader> asList() {
        return List.of(new DvcDagReader());
    }
}
