package dev.braid.pipelines.dvc;

import dev.braid.lineage.dvc.DvcEntry;
import dev.braid.lineage.dvc.DvcFiles;
import dev.braid.lineage.dvc.DvcFormatException;
import dev.braid.lineage.dvc.DvcStage;
import dev.braid.pipelines.definitions.DefinitionYaml;
import dev.braid.pipelines.definitions.GitTreeFiles;
import dev.braid.sync.SafeYaml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * DVC's files as read from git, parsed once per blob: {@code dvc.yaml} (again when a params or
 * vars file it templates from changed), {@code dvc.lock}, {@code .dvc} files and params files.
 * Walking a history reads each version of each file once. Not thread-safe.
 */
final class DvcParsedFiles {
    private final Map<ObjectId, Lock> locks = new HashMap<>();
    private final Map<ObjectId, List<Parsed>> pipelines = new HashMap<>();
    private final Map<ObjectId, List<DvcEntry>> tracked = new HashMap<>();
    private final Map<ObjectId, Map<?, ?>> params = new HashMap<>();

    /** A read dvc.yaml and the blobs of the files its templating read (null where absent). */
    private record Parsed(DvcPipelineFile.Contents contents, Map<String, ObjectId> inputs) {
    }

    DvcPipelineFile.Contents contents(GitTreeFiles files, String path, ObjectId blob) throws IOException {
        List<Parsed> known = pipelines.computeIfAbsent(blob.copy(), k -> new ArrayList<>());
        for (Parsed parsed : known) {
            if (parsed.contents().file().equals(path) && sameInputs(files, parsed.inputs())) {
                return parsed.contents();
            }
        }
        DvcPipelineFile.Contents contents = DvcPipelineFile.read(files, path, files.read(path).orElse(""));
        Map<String, ObjectId> inputs = new HashMap<>();
        for (String input : contents.inputs()) {
            inputs.put(input, blobId(files, input));
        }
        if (known.size() < 64) {
            known.add(new Parsed(contents, inputs));
        }
        return contents;
    }

    private static boolean sameInputs(GitTreeFiles files, Map<String, ObjectId> inputs) throws IOException {
        for (Map.Entry<String, ObjectId> input : inputs.entrySet()) {
            if (!java.util.Objects.equals(blobId(files, input.getKey()), input.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** One {@code dvc.lock}: stages as the lineage reader reads them, plus commands and params. */
    record Lock(Map<String, DvcStage> stages, Map<String, String> commands,
                        Map<String, Map<String, Map<?, ?>>> params, String problem) {
    }

    /** What a {@code .dvc} file tracks, parsed once per blob; an unreadable file tracks nothing Braid can know. */
    List<DvcEntry> trackedBy(GitTreeFiles files, String path) throws IOException {
        ObjectId blob = blobId(files, path);
        if (blob == null) {
            return List.of();
        }
        List<DvcEntry> known = tracked.get(blob);
        if (known == null) {
            try {
                known = DvcFiles.parseDvcFile(path, files.read(path).orElse("")).stages().stream()
                        .flatMap(stage -> stage.outs().stream()).toList();
            } catch (DvcFormatException e) {
                known = List.of();
            }
            tracked.put(blob, known);
        }
        return known;
    }

    /** A params file's values, parsed once per blob (the same file is read by every stage that uses it). */
    Map<?, ?> paramsFile(GitTreeFiles files, String path) throws IOException {
        ObjectId blob = blobId(files, path);
        if (blob == null) {
            return Map.of();
        }
        Map<?, ?> known = params.get(blob);
        if (known == null) {
            Optional<String> text = files.read(path);
            known = text.isEmpty() ? Map.of() : DvcValues.readParamsFile(path, text.get(), new ArrayList<>()).orElse(Map.of());
            params.put(blob, known);
        }
        return known;
    }

    Lock lock(GitTreeFiles files, String lockPath, String yamlPath) throws IOException {
        ObjectId blob = blobId(files, lockPath);
        if (blob == null) {
            return new Lock(Map.of(), Map.of(), Map.of(), "");
        }
        Lock known = locks.get(blob);
        if (known != null) {
            return known;
        }
        String text = files.read(lockPath).orElse("");
        Lock lock;
        try {
            Map<String, DvcStage> stages = new LinkedHashMap<>();
            for (DvcStage stage : DvcFiles.parseLock(lockPath, text, files.read(yamlPath).orElse(null)).stages()) {
                stages.put(stage.name(), stage);
            }
            Map<String, String> commands = new HashMap<>();
            Map<String, Map<String, Map<?, ?>>> params = new HashMap<>();
            for (Map.Entry<?, ?> entry : DefinitionYaml.map(DefinitionYaml.map(DefinitionYaml.load(lockPath, text)).get("stages")).entrySet()) {
                Map<?, ?> body = DefinitionYaml.map(entry.getValue());
                Object cmd = body.get("cmd");
                commands.put(String.valueOf(entry.getKey()), cmd instanceof List<?> list
                        ? String.join("\n", list.stream().map(String::valueOf).toList()) : cmd == null ? "" : String.valueOf(cmd));
                Map<String, Map<?, ?>> byFile = new LinkedHashMap<>();
                for (Map.Entry<?, ?> file : DefinitionYaml.map(body.get("params")).entrySet()) {
                    byFile.put(String.valueOf(file.getKey()), DefinitionYaml.map(file.getValue()));
                }
                params.put(String.valueOf(entry.getKey()), byFile);
            }
            lock = new Lock(stages, commands, params, "");
        } catch (DvcFormatException | SafeYaml.UnreadableYamlException e) {
            lock = new Lock(Map.of(), Map.of(), Map.of(), e.getMessage());
        }
        locks.put(blob.copy(), lock);
        return lock;
    }

    static ObjectId blobId(GitTreeFiles files, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(files.reader(), path, files.tree())) {
            return walk == null ? null : walk.getObjectId(0).copy();
        }
    }
}
