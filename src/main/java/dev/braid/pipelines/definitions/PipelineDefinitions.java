package dev.braid.pipelines.definitions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and reads the pipeline definitions of one commit's files. Synchronous; no repository
 * server, no checkout. Every definition is read as far as it can be: what cannot be read is a
 * note in the DAG, never an exception (only the repository itself failing to read throws).
 */
public final class PipelineDefinitions {
    /** At most this many YAML files of one commit are opened to look for Kubeflow specs. */
    static final int MAX_CONTENT_CHECKS = 2_000;
    /** Kubeflow specs larger than this are not looked at (compiled specs are tens of kilobytes). */
    static final int MAX_CONTENT_CHECK_BYTES = 2 * 1024 * 1024;

    private final List<DefinitionReader> readers;

    public PipelineDefinitions(List<DefinitionReader> readers) {
        this.readers = List.copyOf(readers);
    }

    /** The definitions in {@code files}, in path order. */
    public List<DefinitionFile> find(TreeFiles files) throws IOException {
        List<DefinitionFile> out = new ArrayList<>();
        int checks = 0;
        for (String path : files.paths()) {
            for (DefinitionReader reader : readers) {
                if (!reader.candidate(path)) {
                    continue;
                }
                if (reader.kind() == DefinitionKind.KUBEFLOW) {
                    if (++checks > MAX_CONTENT_CHECKS) {
                        continue;
                    }
                    Optional<String> text = readSmall(files, path);
                    if (text.isEmpty() || !reader.accepts(path, text.get())) {
                        continue;
                    }
                }
                out.add(new DefinitionFile(path, reader.kind()));
                break;
            }
        }
        return out;
    }

    /**
     * The DAG of the definition at {@code path}, or empty when the commit has no such file or it is
     * not a definition Braid reads.
     */
    public Optional<DefinitionDag> read(TreeFiles files, String path) throws IOException {
        Optional<String> text;
        try {
            text = files.read(path);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("larger than")) {
                return readerFor(path, "").map(r -> unreadable(r.kind(), files, path, e.getMessage()));
            }
            throw e;
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<DefinitionReader> reader = readerFor(path, text.get());
        if (reader.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.get().read(files, path, text.get()));
        } catch (RuntimeException e) {
            // A reader bug must not take the view down: show the file with the reason instead.
            return Optional.of(unreadable(reader.get().kind(), files, path,
                    "Braid could not read " + path + ": " + e));
        }
    }

    /** Every definition of the commit, read. */
    public List<DefinitionDag> readAll(TreeFiles files) throws IOException {
        List<DefinitionDag> out = new ArrayList<>();
        for (DefinitionFile file : find(files)) {
            read(files, file.path()).ifPresent(out::add);
        }
        return out;
    }

    private Optional<DefinitionReader> readerFor(String path, String text) {
        for (DefinitionReader reader : readers) {
            if (reader.candidate(path) && (text.isEmpty() || reader.accepts(path, text))) {
                return Optional.of(reader);
            }
        }
        return Optional.empty();
    }

    private static DefinitionDag unreadable(DefinitionKind kind, TreeFiles files, String path, String reason) {
        DagBuilder dag = new DagBuilder();
        dag.note(reason);
        return dag.build(kind, path, files.commit(), path);
    }

    private static Optional<String> readSmall(TreeFiles files, String path) {
        try {
            Optional<String> text = files.read(path);
            return text.filter(t -> t.length() <= MAX_CONTENT_CHECK_BYTES);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
