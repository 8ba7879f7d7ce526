package dev.braid.experiments;

import dev.braid.sync.SafeYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** Small readers for the files of an MLflow file store: {@code meta.yaml} and one-value-per-file folders. */
final class FileStoreFiles {
    private static final Logger LOG = Logger.getLogger(FileStoreFiles.class.getName());
    private static final SafeYaml YAML = SafeYaml.standard();
    private FileStoreFiles() {
    }

    /**
     * A {@code meta.yaml} as a map; empty when the file is missing (a run being created, say) or
     * cannot be read, which is logged and makes the caller skip that run or experiment, as
     * MLflow's own file store skips a malformed one. Read through {@link SafeYaml}: the store is
     * on disk, and a file in it may be broken or hostile.
     */
    static Map<String, Object> yaml(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (java.nio.charset.MalformedInputException e) {
            LOG.log(Level.WARNING, "skipped {0}: not UTF-8 text", file);
            return Map.of();
        }
        try {
            Object loaded = YAML.load(file.toString(), text);
            if (!(loaded instanceof Map<?, ?> map)) {
                return Map.of();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (SafeYaml.UnreadableYamlException e) {
            LOG.log(Level.WARNING, "skipped an unreadable MLflow file: {0}", e.getMessage());
            return Map.of();
        }
    }

    /** Each file under {@code folder} (keys may hold slashes, so nested files count) as key → content. */
    static Map<String, String> values(Path folder) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String key = folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                out.put(key, Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The sub-folders of {@code folder}, by name; none when it is missing. */
    static List<Path> folders(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory).sorted().toList();
        }
    }

    static String text(Map<String, Object> yaml, String key) {
        Object value = yaml.get(key);
        return value == null ? null : String.valueOf(value);
    }

    static Long number(Map<String, Object> yaml, String key) {
        Object value = yaml.get(key);
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? null : Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A metric value as Python's float() writes it ("nan", "inf", "-inf" included); NaN is null. */
    static Double metricValue(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        double v = switch (t) {
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan" -> Double.NaN;
            default -> parse(t);
        };
        return Double.isNaN(v) ? null : v;
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
