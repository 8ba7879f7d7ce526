package dev.braid.lineage.dvc;

import java.util.List;
import java.util.Map;
import dev.braid.sync.SafeYaml;

/**
 * Reads the YAML of a DVC file, which comes from a repository and may be hostile, through
 * {@link SafeYaml} (size, aliases, expansion and nesting capped), and its values only as the
 * scalars DVC writes: a command made of nested lists is refused, never turned into text.
 */
final class DvcYaml {
    /** Larger files are refused: real lock files are kilobytes. */
    static final int MAX_FILE_CHARS = SafeYaml.Limits.STANDARD.maxCodePoints();
    /** A command longer than this is cut: it is a label in the graph, not something Braid runs. */
    static final int MAX_TEXT = 10_000;
    private static final SafeYaml YAML = SafeYaml.standard();

    private DvcYaml() {
    }

    /** The file's top-level mapping; empty for an empty file. */
    static Map<?, ?> load(String path, String text) throws DvcFormatException {
        try {
            return YAML.loadMapping(path, text);
        } catch (SafeYaml.UnreadableYamlException e) {
            throw new DvcFormatException(e.getMessage(), e);
        }
    }

    /** A scalar as text ("" for null); a list of scalars (a command written as a list) joined by " && ". */
    static String text(Object value) throws DvcFormatException {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder();
            for (Object item : list) {
                if (item instanceof Map<?, ?> || item instanceof List<?> || item instanceof SafeYaml.Tagged) {
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
        if (value instanceof SafeYaml.Tagged tagged) {
            throw new DvcFormatException("expected text, found a value tagged " + tagged.tag());
        }
        return cut(String.valueOf(value));
    }

    private static String cut(String text) {
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    }
}
