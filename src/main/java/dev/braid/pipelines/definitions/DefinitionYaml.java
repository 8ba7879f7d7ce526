package dev.braid.pipelines.definitions;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads YAML from repositories into maps, lists and scalars with YAML 1.2 core types, applying
 * {@code <<} merge keys and keeping unknown tags (GitLab's {@code !reference}) as {@link Tagged}
 * values. Caps document size, aliases, nesting and the size of what aliases expand to, so a hostile
 * file gives a clear error instead of exhausting memory.
 */
public final class DefinitionYaml {
    public static final int MAX_CHARS = 8 * 1024 * 1024;
    private static final int MAX_ALIASES = 1_000;
    private static final int MAX_DEPTH = 200;
    private static final int MAX_VALUES = 2_000_000;

    private DefinitionYaml() {
    }

    /** A value written with a tag Braid does not interpret, e.g. {@code !reference [.setup, script]}. */
    public record Tagged(String tag, Object value) {
    }

    /** YAML Braid will not read; the message says why in plain words and names the file. */
    public static final class UnreadableYamlException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnreadableYamlException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The first document of {@code text}, or null when it is empty. */
    public static Object load(String label, String text) throws UnreadableYamlException {
        List<Object> all = loadAll(label, text);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every document of {@code text} (a {@code ---}-separated stream). */
    public static List<Object> loadAll(String label, String text) throws UnreadableYamlException {
        if (text.length() > MAX_CHARS) {
            throw new UnreadableYamlException(label + ": larger than " + MAX_CHARS + " characters", null);
        }
        LoadSettings settings = LoadSettings.builder().setLabel(label).setAllowDuplicateKeys(true)
                .setMaxAliasesForCollections(MAX_ALIASES).setCodePointLimit(MAX_CHARS + 1).build();
        try {
            List<Object> out = new ArrayList<>();
            Converter converter = new Converter(label);
            for (Node node : new Compose(settings).composeAllFromString(text)) {
                out.add(converter.convert(node, 0));
            }
            return out;
        } catch (YamlEngineException e) {
            throw new UnreadableYamlException(label + ": not valid YAML: " + oneLine(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new UnreadableYamlException(label + ": nested too deeply to read", null);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "parse error" : message.replaceAll("\\s+", " ").strip();
    }

    private static final class Converter {
        private final String label;
        private final Map<Node, Object> shared = new IdentityHashMap<>();
        private final Map<Object, Long> weights = new IdentityHashMap<>();
        private long values;

        Converter(String label) {
            this.label = label;
        }

        Object convert(Node node, int depth) throws UnreadableYamlException {
            if (depth > MAX_DEPTH) {
                throw new UnreadableYamlException(label + ": nested deeper than " + MAX_DEPTH + " levels", null);
            }
            Object known = shared.get(node);
            if (known != null) {
                // An alias: the same immutable value again, counted at its expanded size so that
                // whoever walks the result later walks a bounded amount.
                count(weights.get(known));
                return known;
            }
            long before = values;
            count(1);
            Object value = switch (node.getNodeType()) {
                case SCALAR -> scalar((ScalarNode) node);
                case SEQUENCE -> sequence((SequenceNode) node, depth);
                case MAPPING -> mapping((MappingNode) node, depth);
                default -> null;
            };
            if (value != null && node.getNodeType() != org.snakeyaml.engine.v2.nodes.NodeType.SCALAR) {
                shared.put(node, value);
                weights.put(value, values - before);
            }
            return value;
        }

        private void count(long more) throws UnreadableYamlException {
            values += more;
            if (values > MAX_VALUES) {
                throw new UnreadableYamlException(label + ": aliases expand to more than " + MAX_VALUES + " values", null);
            }
        }

        private Object sequence(SequenceNode node, int depth) throws UnreadableYamlException {
            List<Object> list = new ArrayList<>(node.getValue().size());
            for (Node item : node.getValue()) {
                list.add(convert(item, depth + 1));
            }
            return tagged(node.getTag(), Tag.SEQ, java.util.Collections.unmodifiableList(list));
        }

        private Object mapping(MappingNode node, int depth) throws UnreadableYamlException {
            Map<Object, Object> own = new LinkedHashMap<>();
            List<Map<?, ?>> merged = new ArrayList<>();
            for (NodeTuple tuple : node.getValue()) {
                Node key = tuple.getKeyNode();
                if (key instanceof ScalarNode scalar && scalar.getValue().equals("<<")
                        && (scalar.getTag().equals(Tag.MERGE) || scalar.isPlain())) {
                    Object source = convert(tuple.getValueNode(), depth + 1);
                    if (source instanceof Map<?, ?> map) {
                        merged.add(map);
                    } else if (source instanceof List<?> list) {
                        for (Object item : list) {
                            if (item instanceof Map<?, ?> map) {
                                merged.add(map);
                            }
                        }
                    }
                    continue;
                }
                Object k = convert(key, depth + 1);
                own.put(k instanceof String || k == null ? String.valueOf(k) : k, convert(tuple.getValueNode(), depth + 1));
            }
            Map<Object, Object> out = new LinkedHashMap<>();
            // Earlier merge sources win over later ones, and the mapping's own keys over all of them.
            for (int i = merged.size() - 1; i >= 0; i--) {
                out.putAll(merged.get(i));
            }
            for (Map.Entry<Object, Object> entry : own.entrySet()) {
                out.remove(entry.getKey());
                out.put(entry.getKey(), entry.getValue());
            }
            return tagged(node.getTag(), Tag.MAP, java.util.Collections.unmodifiableMap(out));
        }

        private static Object tagged(Tag tag, Tag plain, Object value) {
            return tag.equals(plain) || tag.getValue().equals(Tag.SET.getValue()) ? value : new Tagged(tag.getValue(), value);
        }

        private static Object scalar(ScalarNode node) {
            String text = node.getValue();
            Tag tag = node.getTag();
            // snakeyaml-engine resolves plain ${NAME} scalars to its environment-variable tag; in CI
            // files and dvc.yaml they are templates to keep as written.
            if (tag.equals(Tag.STR) || tag.equals(Tag.ENV_TAG)) {
                return text;
            }
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.parseBoolean(text.toLowerCase());
            }
            if (tag.equals(Tag.INT)) {
                return integer(text);
            }
            if (tag.equals(Tag.FLOAT)) {
                return floating(text);
            }
            return new Tagged(tag.getValue(), text);
        }

        private static Object integer(String text) {
            String t = text.replace("_", "");
            int radix = 10;
            String digits = t;
            String sign = "";
            if (digits.startsWith("-") || digits.startsWith("+")) {
                sign = digits.startsWith("-") ? "-" : "";
                digits = digits.substring(1);
            }
            if (digits.startsWith("0x")) {
                radix = 16;
                digits = digits.substring(2);
            } else if (digits.startsWith("0o")) {
                radix = 8;
                digits = digits.substring(2);
            }
            try {
                BigInteger value = new BigInteger(sign + digits, radix);
                return value.bitLength() < 63 ? (Object) value.longValue() : value;
            } catch (NumberFormatException e) {
                return text;
            }
        }

        private static Object floating(String text) {
            String t = text.toLowerCase();
            if (t.endsWith(".inf")) {
                return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (t.equals(".nan")) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(text.replace("_", ""));
            } catch (NumberFormatException e) {
                return text;
            }
        }
    }

    /** A mapping's string-keyed view, or an empty map for anything else. */
    public static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    /** A list, a single value as a list of one, or an empty list for null. */
    public static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? l : List.of(value);
    }

    /** A scalar as text (integers without ".0", booleans as true/false), or empty for null. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        return Objects.toString(value);
    }
}
