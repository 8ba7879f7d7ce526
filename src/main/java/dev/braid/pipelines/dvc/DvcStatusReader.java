package dev.braid.pipelines.dvc;

import dev.braid.lineage.dvc.DvcEntry;
import dev.braid.lineage.dvc.DvcStage;
import dev.braid.pipelines.definitions.GitTreeFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final DvcParsedFiles parsed = new DvcParsedFiles();

    /**
     * Every {@code dvc.yaml} of the commit, read; a file read before with the same blob and the
     * same params and vars files is not parsed again.
     */
    public DvcPipeline pipeline(GitTreeFiles files) throws IOException {
        return pipeline(files, files.pathsEndingWith(List.of(DvcPipelineFile.NAME)));
    }

    private DvcPipeline pipeline(GitTreeFiles files, List<String> paths) throws IOException {
        List<DvcPipelineFile.Contents> out = new ArrayList<>();
        for (String path : paths) {
            if (!DvcPipeline.isPipelineFile(path)) {
                continue;
            }
            ObjectId blob = DvcParsedFiles.blobId(files, path);
            if (blob == null) {
                continue;
            }
            out.add(parsed.contents(files, path, blob));
        }
        return new DvcPipeline(files.commit(), out);
    }

    /** The states of every stage at {@code files}' commit. */
    public List<DvcStageStatus> status(GitTreeFiles files) throws IOException {
        // One walk of the commit's tree finds both the pipelines and the .dvc files.
        List<String> found = files.pathsEndingWith(List.of(DvcPipelineFile.NAME, ".dvc"));
        return status(files, pipeline(files, found), found);
    }


    /** The states of every stage of every {@code dvc.yaml} in {@code pipeline}, read at {@code files}' commit. */
    public List<DvcStageStatus> status(GitTreeFiles files, DvcPipeline pipeline) throws IOException {
        return status(files, pipeline, files.pathsEndingWith(List.of(".dvc")));
    }

    private List<DvcStageStatus> status(GitTreeFiles files, DvcPipeline pipeline, List<String> found) throws IOException {
        Map<String, DvcParsedFiles.Lock> byFile = new LinkedHashMap<>();
        for (DvcPipelineFile.Contents contents : pipeline.files()) {
            String lockPath = sibling(contents.file(), "dvc.lock");
            byFile.put(contents.file(), parsed.lock(files, lockPath, contents.file()));
        }
        Map<String, String> produced = producedHashes(files, byFile, found);
        List<DvcStageStatus> out = new ArrayList<>();
        for (DvcPipelineStage stage : pipeline.stages()) {
            DvcParsedFiles.Lock lock = byFile.get(stage.file());
            DvcStage recorded = lock.stages().get(stage.name());
            out.add(recorded == null ? neverRun(stage) : compare(files, stage, recorded, lock, produced));
        }
        return out;
    }

    private DvcStageStatus neverRun(DvcPipelineStage stage) {
        return new DvcStageStatus(stage.name(), stage.file(), DvcStageStatus.State.NEVER_RUN, false, false,
                Map.of(), Map.of(), Map.of(), List.of());
    }

    private DvcStageStatus compare(GitTreeFiles files, DvcPipelineStage stage, DvcStage recorded, DvcParsedFiles.Lock lock,
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
            Map<?, ?> now = parsed.paramsFile(files, file.getKey());
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
    private Map<String, String> producedHashes(GitTreeFiles files, Map<String, DvcParsedFiles.Lock> locks, List<String> found)
            throws IOException {
        Map<String, String> out = new HashMap<>();
        for (DvcParsedFiles.Lock lock : locks.values()) {
            for (DvcStage stage : lock.stages().values()) {
                stage.outs().forEach(o -> out.put(o.path(), o.hash()));
            }
        }
        for (String path : found) {
            if (path.endsWith(".dvc") && !path.startsWith(".dvc/")) {
                parsed.trackedBy(files, path).forEach(o -> out.putIfAbsent(o.path(), o.hash()));
            }
        }
        return out;
    }


    private static String sibling(String path, String name) {
        String folder = DvcPath.folderOf(path);
        return folder.isEmpty() ? name : folder + "/" + name;
    }
}
