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

    /**
     * Whether {@code other} read and wrote the same data: the same paths with the same recorded
     * hashes, in any order. What else a file records (sizes, {@code hash: md5}, the command's
     * spelling, the lock format) does not make a new run: a commit that only rewrote DVC's files
     * in a newer format re-ran nothing.
     */
    public boolean sameData(DvcStage other) {
        return other != null && dataKey().equals(other.dataKey());
    }

    /** The data this stage read and wrote, as one comparable value: equal for stages with {@link #sameData}. */
    public String dataKey() {
        return data(deps) + "\u0000=>\u0000" + data(outs);
    }

    private static String data(List<DvcEntry> entries) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (DvcEntry entry : entries) {
            out.add(entry.path() + "\u0001" + entry.hash() + "\u0001" + entry.repoUrl());
        }
        return String.join("\u0002", out);
    }

    /** Whether this stage came from a {@code .dvc} file rather than a pipeline. */
    public boolean tracksData() {
        return file.endsWith(".dvc");
    }
}
