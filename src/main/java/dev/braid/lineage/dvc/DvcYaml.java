package dev.braid.lineage.dvc;

import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Parses the YAML of a DVC file, which comes from a repository and may be hostile: size capped,
 * aliases capped, nesting capped, and values read only as the scalars DVC writes, so a value made
 * of shared aliases is never expanded into text.
 */
final class DvcYaml {
    /** Larger files are refused: real lock files are kilobytes, and YAML parsing holds it all. */
    static final int MAX_FILE_CHARS = 8 * 1024 * 1024;
    /** DVC files nest a handful of levels; anything far deeper is not one. */
    static final int MAX_DEPTH = 100;
    /** A command longer than this is cut: it is a label in the graph, not something Braid runs. */
    static final int MAX_TEXT = 10_000;

    private DvcYaml() {
    }

    /** The file's top-level mapping; empty for an empty file. */
    static Map<?, ?> load(String path, String text) throws DvcFormatException {
        if (text.length() > MAX_FILE_CHARS) {
            throw new DvcFormatException(path + ": larger than " + MAX_FILE_CHARS + " characters");
        }
        checkDepth(path, text);
        if (blockEntries(text, 0) > MAX_DEPTH) {
            throw new DvcFormatException(path + ": nested more than " + MAX_DEPTH + " levels deep");
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
            throw new DvcFormatException(path + ": not valid YAML: " + oneLine(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new DvcFormatException(path + ": nested too deeply to read", null);
        }
    }

    /**
     * Refuses flow collections nested past {@link #MAX_DEPTH} before the parser, which recurses
     * once per level, sees them. Block nesting needs indentation, which the size cap bounds.
     */
    private static void checkDepth(String path, String text) throws DvcFormatException {
        int depth = 0;
        boolean quoted = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == quote) {
                    quoted = false;
                }
            } else if (c == '"' || c == '\'') {
                quoted = true;
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_DEPTH) {
                    throw new DvcFormatException(path + ": nested more than " + MAX_DEPTH + " levels deep");
                }
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == '\n') {
                // Quotes do not span lines in the files DVC writes; an unbalanced one ends here.
                quoted = false;
                if (blockEntries(text, i + 1) > MAX_DEPTH) {
                    throw new DvcFormatException(path + ": nested more than " + MAX_DEPTH + " levels deep");
                }
            }
        }
    }

    /** How many block sequence entries ({@code "- - - x"}) open one after another at {@code start}. */
    private static int blockEntries(String text, int start) {
        int count = 0;
        int i = start;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        while (i + 1 < text.length() && text.charAt(i) == '-' && text.charAt(i + 1) == ' ') {
            count++;
            i += 2;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
        }
        return count;
    }

    /** A scalar as text ("" for null); a list of scalars (a command written as a list) joined by " && ". */
    static String text(Object value) throws DvcFormatException {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder();
            for (Object item : list) {
                if (item instanceof Map<?, ?> || item instanceof List<?>) {
                    throw new DvcFormatException("a list of commands holds something other than text");
                }
                if (out.length() > 0) {
                    out.append(" && ");
                }
                out.append(item);
                if (out.length() > MAX_TEXT) {
                    break;
                }
            }
            return cut(out.toString());
        }
        if (value instanceof Map<?, ?>) {
            throw new DvcFormatException("expected text, found a mapping");
        }
        return cut(String.valueOf(value));
    }

    private static String cut(String text) {
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    }

    static String oneLine(String message) {
        return message == null ? "parse error" : message.replace('\n', ' ').strip();
    }
}
