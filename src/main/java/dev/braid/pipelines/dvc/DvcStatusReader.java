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
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Each DVC stage's state at a commit, from git alone: the stage in {@code dvc.yaml} against its
 * record in {@code dvc.lock}. A dependency's current content is its git blob or tree when git
 * holds it, else the hash the stage that produces it recorded (or its {@code .dvc} file), which is
 * what {@code dvc checkout} would put in the workspace. Parsed files and hashes are kept per git
 * object, so reading many commits of one history costs little more than their tree lookups.
 * Not thread-safe: use one per thread.
 */
public final class DvcStatusReader {
    private final DvcHashes hashes = new DvcHashes();
    private final Map<ObjectId, Lock> locks = new HashMap<>();

    /** One {@code dvc.lock}: stages as the lineage reader reads them, plus commands and params. */
    private record Lock(Map<String, DvcStage> stages, Map<String, String> commands,
                        Map<String, Map<String, Map<?, ?>>> params, String problem) {
    }

    /** The states of every stage of every {@code dvc.yaml} in {@code pipeline}, read at {@code files}' commit. */
    public List<DvcStageStatus> status(GitTreeFiles files, DvcPipeline pipeline) throws IOException {
        Map<String, Lock> byFile = new LinkedHashMap<>();
        for (DvcPipelineFile.Contents contents : pipeline.files()) {
            String lockPath = sibling(contents.file(), "dvc.lock");
            byFile.put(contents.file(), lock(files, lockPath, contents.file()));
        }
        Map<String, String> produced = producedHashes(files, byFile);
        List<DvcStageStatus> out = new ArrayList<>();
        for (DvcPipelineStage stage : pipeline.stages()) {
            Lock lock = byFile.get(stage.file());
            DvcStage recorded = lock.stages().get(stage.name());
            out.add(recorded == null ? neverRun(stage) : compare(files, stage, recorded, lock, produced));
        }
        return out;
    }

    private DvcStageStatus neverRun(DvcPipelineStage stage) {
        return new DvcStageStatus(stage.name(), stage.file(), DvcStageStatus.State.NEVER_RUN, false, false,
                Map.of(), Map.of(), Map.of(), List.of());
    }

    private DvcStageStatus compare(GitTreeFiles files, DvcPipelineStage stage, DvcStage recorded, Lock lock,
                                   Map<String, String> produced) throws IOException {
        Map<String, String> deps = new LinkedHashMap<>();
        Map<String, Map<String, String>> params = new LinkedHashMap<>();
        Map<String, String> outs = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        if (stage.frozen()) {
            return new DvcStageStatus(stage.name(), stage.file(), DvcStageStatus.State.UP_TO_DATE, false, false,
                    deps, params, outs, unknown);
        }
        Map<String, DvcEntry> recordedDeps = new LinkedHashMap<>();
        recorded.deps().forEach(d -> recordedDeps.put(d.path(), d));
        for (String dep : stage.deps()) {
            DvcEntry entry = recordedDeps.get(dep);
            if (entry == null) {
                deps.put(dep, "new");
                continue;
            }
            String change = change(files, dep, entry.hash(), produced);
            if (change == null) {
                unknown.add(dep);
            } else if (!change.isEmpty()) {
                deps.put(dep, change);
            }
        }
        for (String dep : recordedDeps.keySet()) {
            if (!stage.deps().contains(dep)) {
                deps.put(dep, "deleted");
            }
        }
        compareParams(files, stage, lock.params().getOrDefault(stage.name(), Map.of()), params);
        Map<String, DvcEntry> recordedOuts = new LinkedHashMap<>();
        recorded.outs().forEach(o -> recordedOuts.put(o.path(), o));
        for (DvcPipelineStage.Output output : stage.outs()) {
            DvcEntry entry = recordedOuts.get(output.path());
            if (entry == null) {
                outs.put(output.path(), "new");
            } else if (!output.cache()) {
                String change = change(files, output.path(), entry.hash(), Map.of());
                if (change == null) {
                    outs.put(output.path(), "deleted");
                } else if (!change.isEmpty()) {
                    outs.put(output.path(), change);
                }
            }
        }
        boolean commandChanged = !stage.cmd().equals(lock.commands().getOrDefault(stage.name(), ""));
        boolean changed = commandChanged || stage.alwaysChanged() || !deps.isEmpty() || !params.isEmpty() || !outs.isEmpty();
        return new DvcStageStatus(stage.name(), stage.file(),
                changed ? DvcStageStatus.State.CHANGED : DvcStageStatus.State.UP_TO_DATE, commandChanged,
                stage.alwaysChanged(), deps, params, outs, unknown);
    }

    /**
     * "" when {@code path}'s current content has {@code recordedHash}, "modified" or "deleted" when
     * not, null when its current content cannot be known from git.
     */
    private String change(GitTreeFiles files, String path, String recordedHash, Map<String, String> produced)
            throws IOException {
        if (DvcPath.isExternal(path)) {
            return null;
        }
        try (TreeWalk walk = TreeWalk.forPath(files.reader(), path, files.tree())) {
            if (walk != null) {
                int type = walk.getFileMode(0).getBits() & FileMode.TYPE_MASK;
                if (type == FileMode.TYPE_TREE) {
                    return hashes.folder(files.reader(), walk.getObjectId(0)).equals(recordedHash) ? "" : "modified";
                }
                if (type == FileMode.TYPE_FILE) {
                    String[] md5 = hashes.file(files.reader(), walk.getObjectId(0));
                    return md5[0].equals(recordedHash) || md5[1].equals(recordedHash) ? "" : "modified";
                }
            }
        }
        String current = produced.get(path);
        if (current == null) {
            return null;
        }
        return current.equals(recordedHash) ? "" : "modified";
    }

    private void compareParams(GitTreeFiles files, DvcPipelineStage stage, Map<String, Map<?, ?>> recorded,
                               Map<String, Map<String, String>> out) throws IOException {
        // dvc.lock names params files relative to the stage's wdir.
        Map<String, Map<?, ?>> recordedByPath = new LinkedHashMap<>();
        recorded.forEach((file, values) -> recordedByPath.put(DvcPath.join(stage.wdir(), file), values));
        Map<String, List<String>> wanted = new LinkedHashMap<>(stage.params());
        recordedByPath.keySet().forEach(file -> wanted.putIfAbsent(file, List.of()));
        for (Map.Entry<String, List<String>> file : wanted.entrySet()) {
            Map<?, ?> was = recordedByPath.getOrDefault(file.getKey(), Map.of());
            Optional<String> text = files.read(file.getKey());
            Map<?, ?> now = text.isEmpty() ? Map.of()
                    : DvcValues.readParamsFile(file.getKey(), text.get(), new ArrayList<>()).orElse(Map.of());
            List<String> keys = new ArrayList<>(file.getValue());
            if (keys.isEmpty()) {
                // The whole file is a dependency: every key it has now or had then.
                DvcValues.flatten(now).keySet().forEach(keys::add);
                was.keySet().forEach(k -> {
                    if (!keys.contains(String.valueOf(k))) {
                        keys.add(String.valueOf(k));
                    }
                });
            }
            Map<String, String> changes = new LinkedHashMap<>();
            for (String key : keys) {
                boolean before = was.containsKey(key);
                Object current = DvcValues.at(now, key);
                if (!before) {
                    changes.put(key, current == DvcValues.MISSING ? "deleted" : "new");
                } else if (current == DvcValues.MISSING) {
                    changes.put(key, "deleted");
                } else if (!DvcValues.same(current, was.get(key))) {
                    changes.put(key, "modified");
                }
            }
            if (!changes.isEmpty()) {
                out.put(file.getKey(), changes);
            }
        }
    }

    /** The hash each stage output (by any lock) or {@code .dvc}-tracked path was recorded with. */
    private Map<String, String> producedHashes(GitTreeFiles files, Map<String, Lock> locks) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (Lock lock : locks.values()) {
            for (DvcStage stage : lock.stages().values()) {
                stage.outs().forEach(o -> out.put(o.path(), o.hash()));
            }
        }
        for (String path : files.paths()) {
            if (path.endsWith(".dvc") && !path.startsWith(".dvc/")) {
                Optional<String> text = files.read(path);
                try {
                    for (DvcStage tracked : DvcFiles.parseDvcFile(path, text.orElse("")).stages()) {
                        tracked.outs().forEach(o -> out.putIfAbsent(o.path(), o.hash()));
                    }
                } catch (DvcFormatException e) {
                    // An unreadable .dvc file only means its data's state is unknown.
                }
            }
        }
        return out;
    }

    private Lock lock(GitTreeFiles files, String lockPath, String yamlPath) throws IOException {
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

    private static ObjectId blobId(GitTreeFiles files, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(files.reader(), path, files.tree())) {
            return walk == null ? null : walk.getObjectId(0);
        }
    }

    private static String sibling(String path, String name) {
        String folder = DvcPath.folderOf(path);
        return folder.isEmpty() ? name : folder + "/" + name;
    }
}
