package dev.braid.lineage.dvc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what DVC records in git: {@code dvc.lock} (with {@code dvc.yaml} beside it for each
 * stage's {@code wdir}) and {@code .dvc} files. Paths come back relative to the repository root;
 * URLs and absolute paths of external dependencies are kept as written. Every lock format DVC
 * has written is read: 2.x and 3.x ({@code schema: '2.0'}, stages under {@code stages}, DVC 3
 * adding {@code hash: md5}) and 1.x (stages at the top level, {@code md5} only). A stage or an
 * entry that cannot be read is reported and skipped; the rest of the file still counts.
 */
public final class DvcFiles {
    /** Larger files are refused: real lock files are kilobytes, and YAML parsing holds it all. */
    public static final int MAX_FILE_CHARS = DvcYaml.MAX_FILE_CHARS;
    /** The keys of a stage in a 1.x lock file, where stages sit at the top level. */
    private static final Set<String> STAGE_KEYS = Set.of("cmd", "deps", "outs", "params", "md5", "wdir", "frozen");

    private DvcFiles() {
    }

    /**
     * The stages in the {@code dvc.lock} at {@code lockPath}; {@code dvcYaml} is the text of the
     * {@code dvc.yaml} in the same folder, or null when there is none. Throws only when nothing of
     * the file can be read.
     */
    public static DvcFileContent parseLock(String lockPath, String lockText, String dvcYaml) throws DvcFormatException {
        Map<?, ?> lock = DvcYaml.load(lockPath, lockText);
        List<String> problems = new ArrayList<>();
        Map<?, ?> definitions = Map.of();
        if (dvcYaml != null) {
            try {
                definitions = mapOr(DvcYaml.load(siblingYaml(lockPath), dvcYaml).get("stages"));
            } catch (DvcFormatException e) {
                problems.add(e.getMessage() + " (the stages of " + lockPath + " are read without their wdir)");
            }
        }
        Map<?, ?> byName = stagesOf(lockPath, lock);
        String folder = DvcPaths.folderOf(lockPath);
        List<DvcStage> out = new ArrayList<>();
        for (Map.Entry<?, ?> entry : byName.entrySet()) {
            String name = String.valueOf(entry.getKey());
            try {
                if (!(entry.getValue() instanceof Map<?, ?> stage)) {
                    throw new DvcFormatException(lockPath + ": stage '" + name + "' is not a mapping");
                }
                String base = DvcPaths.join(folder, wdirOf(definitions, name), lockPath);
                out.add(new DvcStage(lockPath, name, command(lockPath, name, stage.get("cmd")),
                        entries(lockPath, name, "deps", stage.get("deps"), base, problems),
                        entries(lockPath, name, "outs", stage.get("outs"), base, problems)));
            } catch (DvcFormatException e) {
                problems.add(e.getMessage() + "; the stage is skipped");
            }
        }
        return new DvcFileContent(out, problems);
    }

    /** The data a {@code .dvc} file tracks, as a stage named after the file. */
    public static DvcFileContent parseDvcFile(String dvcPath, String text) throws DvcFormatException {
        Map<?, ?> file = DvcYaml.load(dvcPath, text);
        List<String> problems = new ArrayList<>();
        String wdir;
        try {
            wdir = DvcYaml.text(file.get("wdir"));
        } catch (DvcFormatException e) {
            throw new DvcFormatException(dvcPath + ": wdir: " + e.getMessage());
        }
        String base = DvcPaths.join(DvcPaths.folderOf(dvcPath), wdir, dvcPath);
        DvcStage stage = new DvcStage(dvcPath, dvcPath, command(dvcPath, dvcPath, file.get("cmd")),
                entries(dvcPath, dvcPath, "deps", file.get("deps"), base, problems),
                entries(dvcPath, dvcPath, "outs", file.get("outs"), base, problems));
        return new DvcFileContent(List.of(stage), problems);
    }

    /**
     * The stages of a lock file by name: under {@code stages} (2.x, 3.x), or the top-level
     * mappings themselves in a 1.x file, which has neither {@code schema} nor {@code stages}.
     */
    private static Map<?, ?> stagesOf(String lockPath, Map<?, ?> lock) throws DvcFormatException {
        Object stages = lock.get("stages");
        if (stages != null) {
            if (!(stages instanceof Map<?, ?> byName)) {
                throw new DvcFormatException(lockPath + ": 'stages' is not a mapping");
            }
            return byName;
        }
        if (lock.containsKey("schema")) {
            return Map.of();
        }
        for (Map.Entry<?, ?> entry : lock.entrySet()) {
            if (!(entry.getValue() instanceof Map<?, ?> stage)
                    || stage.keySet().stream().noneMatch(k -> STAGE_KEYS.contains(String.valueOf(k)))) {
                throw new DvcFormatException(lockPath + ": neither a lock file with 'stages' nor one of DVC 1"
                        + " (its top-level key '" + entry.getKey() + "' is not a stage)");
            }
        }
        return lock;
    }

    private static String command(String file, String stage, Object value) throws DvcFormatException {
        try {
            return DvcYaml.text(value);
        } catch (DvcFormatException e) {
            throw new DvcFormatException(file + ": the cmd of '" + stage + "': " + e.getMessage());
        }
    }

    private static List<DvcEntry> entries(String file, String stage, String field, Object value, String base,
                                          List<String> problems) throws DvcFormatException {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new DvcFormatException(file + ": " + field + " of '" + stage + "' is not a list");
        }
        List<DvcEntry> out = new ArrayList<>(list.size());
        for (Object item : list) {
            try {
                out.add(entry(file, stage, field, item, base));
            } catch (DvcFormatException e) {
                problems.add(e.getMessage() + "; the entry is skipped");
            }
        }
        return out;
    }

    private static DvcEntry entry(String file, String stage, String field, Object item, String base)
            throws DvcFormatException {
        if (!(item instanceof Map<?, ?> entry) || !(entry.get("path") instanceof String path)) {
            throw new DvcFormatException(file + ": an entry in " + field + " of '" + stage + "' has no path");
        }
        String repoUrl = "";
        if (entry.get("repo") instanceof Map<?, ?> repo) {
            try {
                repoUrl = DvcYaml.text(repo.get("url"));
            } catch (DvcFormatException e) {
                throw new DvcFormatException(file + ": the repo url of " + path + " in '" + stage + "': " + e.getMessage());
            }
        }
        return new DvcEntry(repoUrl.isEmpty() ? DvcPaths.join(base, path, file) : path, hashOf(entry),
                entry.get("size") instanceof Number size ? size.longValue() : -1, repoUrl);
    }

    /**
     * The content hash recorded for an entry. DVC 3 writes {@code hash: md5} plus the value under
     * {@code md5}; DVC 1 and 2 only {@code md5}; cloud dependencies an etag, checksum or version id.
     * The same content keeps the same hash whichever format wrote it.
     */
    private static String hashOf(Map<?, ?> entry) {
        for (String key : List.of("md5", "etag", "checksum", "version_id")) {
            Object value = entry.get(key);
            if (value != null && !(value instanceof Map<?, ?>) && !(value instanceof List<?>)
                    && !(value instanceof dev.braid.sync.SafeYaml.Tagged)) {
                return String.valueOf(value);
            }
        }
        return "";
    }

    private static String wdirOf(Map<?, ?> definitions, String stage) throws DvcFormatException {
        Object definition = definitions.get(stage);
        int at = stage.indexOf('@');
        if (definition == null && at > 0 && definitions.get(stage.substring(0, at)) instanceof Map<?, ?> generated) {
            // foreach/matrix stages are recorded as name@key; their definition sits under 'do' or at the top.
            definition = generated.get("do") instanceof Map<?, ?> body ? body : generated;
        }
        return definition instanceof Map<?, ?> map ? DvcYaml.text(map.get("wdir")) : "";
    }

    private static String siblingYaml(String lockPath) {
        String folder = DvcPaths.folderOf(lockPath);
        return folder.isEmpty() ? "dvc.yaml" : folder + "/dvc.yaml";
    }

    private static Map<?, ?> mapOr(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }
}
