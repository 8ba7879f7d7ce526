package dev.braid.lineage.dvc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads what DVC records in git: {@code dvc.lock} (with {@code dvc.yaml} beside it for each
 * stage's {@code wdir}) and {@code .dvc} files. Paths come back relative to the repository root;
 * URLs and absolute paths of external dependencies are kept as written.
 */
public final class DvcFiles {
    /** Larger files are refused: real lock files are kilobytes, and YAML parsing holds it all. */
    public static final int MAX_FILE_CHARS = 8 * 1024 * 1024;

    private DvcFiles() {
    }

    /**
     * The stages in the {@code dvc.lock} at {@code lockPath}; {@code dvcYaml} is the text of the
     * {@code dvc.yaml} in the same folder, or null when there is none.
     */
    public static List<DvcStage> parseLock(String lockPath, String lockText, String dvcYaml) throws DvcFormatException {
        Map<?, ?> lock = load(lockPath, lockText);
        Map<?, ?> definitions = dvcYaml == null ? Map.of() : mapOr(load(siblingYaml(lockPath), dvcYaml).get("stages"));
        Object stages = lock.get("stages");
        if (stages == null) {
            return List.of();
        }
        if (!(stages instanceof Map<?, ?> byName)) {
            throw new DvcFormatException(lockPath + ": 'stages' is not a mapping");
        }
        String folder = DvcPaths.folderOf(lockPath);
        List<DvcStage> out = new ArrayList<>();
        for (Map.Entry<?, ?> entry : byName.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof Map<?, ?> stage)) {
                throw new DvcFormatException(lockPath + ": stage '" + name + "' is not a mapping");
            }
            String base = DvcPaths.join(folder, wdirOf(definitions, name), lockPath);
            out.add(new DvcStage(lockPath, name, text(stage.get("cmd")),
                    entries(lockPath, name, "deps", stage.get("deps"), base),
                    entries(lockPath, name, "outs", stage.get("outs"), base)));
        }
        return out;
    }

    /** The data a {@code .dvc} file tracks, as a stage named after the file. */
    public static DvcStage parseDvcFile(String dvcPath, String text) throws DvcFormatException {
        Map<?, ?> file = load(dvcPath, text);
        String base = DvcPaths.join(DvcPaths.folderOf(dvcPath), text(file.get("wdir")), dvcPath);
        return new DvcStage(dvcPath, dvcPath, text(file.get("cmd")),
                entries(dvcPath, dvcPath, "deps", file.get("deps"), base),
                entries(dvcPath, dvcPath, "outs", file.get("outs"), base));
    }

    private static List<DvcEntry> entries(String file, String stage, String field, Object value, String base)
            throws DvcFormatException {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new DvcFormatException(file + ": " + field + " of '" + stage + "' is not a list");
        }
        List<DvcEntry> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> entry) || !(entry.get("path") instanceof String path)) {
                throw new DvcFormatException(file + ": an entry in " + field + " of '" + stage + "' has no path");
            }
            String repoUrl = entry.get("repo") instanceof Map<?, ?> repo ? text(repo.get("url")) : "";
            out.add(new DvcEntry(repoUrl.isEmpty() ? DvcPaths.join(base, path, file) : path, hashOf(entry),
                    entry.get("size") instanceof Number size ? size.longValue() : -1, repoUrl));
        }
        return out;
    }

    /** DVC 3 writes {@code hash: md5} plus the value under {@code md5}; DVC 2 only {@code md5}; clouds an etag. */
    private static String hashOf(Map<?, ?> entry) {
        for (String key : List.of("md5", "etag", "checksum", "version_id")) {
            Object value = entry.get(key);
            if (value != null) {
                return String.valueOf(value);
            }
        }
        return "";
    }

    private static String wdirOf(Map<?, ?> definitions, String stage) {
        Object definition = definitions.get(stage);
        int at = stage.indexOf('@');
        if (definition == null && at > 0 && definitions.get(stage.substring(0, at)) instanceof Map<?, ?> generated) {
            // foreach/matrix stages are recorded as name@key; their definition sits under 'do' or at the top.
            definition = generated.get("do") instanceof Map<?, ?> body ? body : generated;
        }
        return definition instanceof Map<?, ?> map ? text(map.get("wdir")) : "";
    }

    private static Map<?, ?> load(String path, String text) throws DvcFormatException {
        if (text.length() > MAX_FILE_CHARS) {
            throw new DvcFormatException(path + ": larger than " + MAX_FILE_CHARS + " characters");
        }
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(path).setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(50).setCodePointLimit(MAX_FILE_CHARS).build();
            Object loaded = new Load(settings).loadFromString(text);
            if (loaded == null) {
                return Map.of();
            }
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new DvcFormatException(path + ": expected a YAML mapping at the top");
            }
            return map;
        } catch (YamlEngineException e) {
            throw new DvcFormatException(path + ": not valid YAML: " + firstLine(e.getMessage()), e);
        }
    }

    private static String siblingYaml(String lockPath) {
        String folder = DvcPaths.folderOf(lockPath);
        return folder.isEmpty() ? "dvc.yaml" : folder + "/dvc.yaml";
    }

    private static Map<?, ?> mapOr(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        return message.replace('\n', ' ').strip();
    }
}
