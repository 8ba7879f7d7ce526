package dev.braid.pipelines.dvc;

import dev.braid.pipelines.definitions.TreeFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the params and metrics of a commit the way {@code dvc params diff} and
 * {@code dvc metrics diff} find them: params files are those the stages name (and
 * {@code params.yaml} beside each {@code dvc.yaml}, and top-level {@code params:}); metrics files
 * are the stages' {@code metrics} outputs and the top-level {@code metrics:} list. Only files
 * git holds can be read from history; a metrics file kept in DVC's cache is named in a note.
 */
public final class DvcDiffReader {
    private DvcDiffReader() {
    }

    /** The params of both commits compared. */
    public static DvcComparison params(String oldRev, TreeFiles oldFiles, String newRev, TreeFiles newFiles) throws IOException {
        List<String> notes = new ArrayList<>();
        Map<String, Map<String, Object>> before = values(oldFiles, paramsFiles(oldFiles), notes, false);
        Map<String, Map<String, Object>> after = values(newFiles, paramsFiles(newFiles), notes, false);
        return new DvcComparison("params", oldRev, newRev, oldFiles.commit(), newFiles.commit(), rows(before, after), notes);
    }

    /** The metrics of both commits compared. */
    public static DvcComparison metrics(String oldRev, TreeFiles oldFiles, String newRev, TreeFiles newFiles) throws IOException {
        List<String> notes = new ArrayList<>();
        Map<String, Map<String, Object>> before = values(oldFiles, metricsFiles(oldFiles), notes, true);
        Map<String, Map<String, Object>> after = values(newFiles, metricsFiles(newFiles), notes, true);
        return new DvcComparison("metrics", oldRev, newRev, oldFiles.commit(), newFiles.commit(), rows(before, after), notes);
    }

    /** The flattened params of a commit, file by file (for experiments). */
    static Map<String, Map<String, Object>> params(TreeFiles files, List<String> notes) throws IOException {
        return values(files, paramsFiles(files), notes, false);
    }

    /** The flattened metrics of a commit, file by file (for experiments). */
    static Map<String, Map<String, Object>> metrics(TreeFiles files, List<String> notes) throws IOException {
        return values(files, metricsFiles(files), notes, true);
    }

    private static List<DvcValueChange> rows(Map<String, Map<String, Object>> before, Map<String, Map<String, Object>> after) {
        Set<String> paths = new LinkedHashSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<DvcValueChange> rows = new ArrayList<>();
        for (String path : paths.stream().sorted().toList()) {
            Map<String, Object> a = before.getOrDefault(path, Map.of());
            Map<String, Object> b = after.getOrDefault(path, Map.of());
            Set<String> keys = new LinkedHashSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (String key : keys.stream().sorted().toList()) {
                rows.add(new DvcValueChange(path, key, a.get(key), b.get(key), a.containsKey(key), b.containsKey(key)));
            }
        }
        return rows;
    }

    private static Set<String> paramsFiles(TreeFiles files) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        DvcPipeline pipeline = DvcPipeline.read(files);
        for (DvcPipelineFile.Contents contents : pipeline.files()) {
            String beside = DvcPath.join(DvcPath.folderOf(contents.file()), DvcPipelineFile.DEFAULT_PARAMS);
            if (files.read(beside).isPresent()) {
                out.add(beside);
            }
            out.addAll(contents.params());
            contents.stages().forEach(s -> out.addAll(s.params().keySet()));
        }
        return out;
    }

    private static Set<String> metricsFiles(TreeFiles files) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (DvcPipelineFile.Contents contents : DvcPipeline.read(files).files()) {
            out.addAll(contents.metrics());
            for (DvcPipelineStage stage : contents.stages()) {
                stage.outs().stream().filter(o -> o.kind().equals("metrics")).forEach(o -> out.add(o.path()));
            }
        }
        return out;
    }

    private static Map<String, Map<String, Object>> values(TreeFiles files, Set<String> paths, List<String> notes,
                                                           boolean metrics) throws IOException {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String path : paths) {
            Optional<String> text = files.read(path);
            if (text.isEmpty()) {
                List<String> inside = files.paths().stream().filter(p -> p.startsWith(path + "/")).toList();
                if (metrics && !inside.isEmpty()) {
                    for (String file : inside) {
                        files.read(file).flatMap(t -> DvcValues.readParamsFile(file, t, notes))
                                .ifPresent(map -> out.put(file, DvcValues.flatten(map)));
                    }
                } else if (metrics) {
                    addOnce(notes, path + " is not in git at " + shortCommit(files) + " (DVC's cache holds it), so its"
                            + " values are not shown.");
                }
                continue;
            }
            DvcValues.readParamsFile(path, text.get(), notes).ifPresent(map -> out.put(path, DvcValues.flatten(map)));
        }
        return out;
    }

    private static void addOnce(List<String> notes, String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    private static String shortCommit(TreeFiles files) {
        return files.commit().length() > 7 ? files.commit().substring(0, 7) : files.commit();
    }
}
