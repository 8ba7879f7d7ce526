package dev.braid.pipelines.dvc;

import dev.braid.pipelines.definitions.TreeFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code dvc.yaml} of one commit, read: DVC treats them as one pipeline, so a stage in one
 * folder may depend on another folder's outputs.
 */
public record DvcPipeline(String commit, List<DvcPipelineFile.Contents> files) {
    public DvcPipeline {
        files = List.copyOf(files);
    }

    /** Every stage, file by file in path order, each file's stages as written. */
    public List<DvcPipelineStage> stages() {
        List<DvcPipelineStage> out = new ArrayList<>();
        files.forEach(f -> out.addAll(f.stages()));
        return out;
    }

    /** What could not be read, file by file. */
    public List<String> notes() {
        List<String> out = new ArrayList<>();
        files.forEach(f -> out.addAll(f.notes()));
        return out;
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** Whether {@code path} is a DVC pipeline file. */
    public static boolean isPipelineFile(String path) {
        return path.equals(DvcPipelineFile.NAME) || path.endsWith("/" + DvcPipelineFile.NAME);
    }

    /** Reads every {@code dvc.yaml} in {@code files}. */
    public static DvcPipeline read(TreeFiles files) throws IOException {
        List<DvcPipelineFile.Contents> out = new ArrayList<>();
        for (String path : files.pathsEndingWith(List.of(DvcPipelineFile.NAME))) {
            if (isPipelineFile(path)) {
                Optional<String> text = files.read(path);
                if (text.isPresent()) {
                    out.add(DvcPipelineFile.read(files, path, text.get()));
                }
            }
        }
        return new DvcPipeline(files.commit(), out);
    }
}
