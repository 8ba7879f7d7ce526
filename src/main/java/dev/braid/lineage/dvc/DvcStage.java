package dev.braid.lineage.dvc;

import java.util.List;
import java.util.Objects;

/**
 * A stage as a commit recorded it: a pipeline stage from {@code dvc.lock} (name, command, its
 * dependencies and outputs with their hashes), or a {@code .dvc} file, which DVC treats as a stage
 * without a command whose outputs are the data it tracks. {@code file} is the path of the
 * {@code dvc.lock} or {@code .dvc} file in the repository.
 */
public record DvcStage(String file, String name, String cmd, List<DvcEntry> deps, List<DvcEntry> outs) {
    public DvcStage {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        cmd = cmd == null ? "" : cmd;
        deps = List.copyOf(deps);
        outs = List.copyOf(outs);
    }

    /** Whether this stage came from a {@code .dvc} file rather than a pipeline. */
    public boolean tracksData() {
        return file.endsWith(".dvc");
    }
}
