package dev.braid.sync;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The one way Braid reads YAML that it did not write: files from repositories (DVC, CI
 * definitions, feature repositories) and from stores on disk (MLflow's {@code meta.yaml}).
 *
 * <p>Such a file may be hostile or simply broken, so reading it is bounded: its size, the
 * number of aliases, the nesting depth and the number of values once aliases are expanded
 * (a "billion laughs" document stays small on disk but expands without end) are all capped.
 * Anything past a cap, or not YAML at all, is an {@link UnreadableYamlException} whose message
 * says in plain words what was wrong; nothing else escapes, not even a stack overflow.
 *
 * <p>Values come back as plain Java: {@code Map<String, Object>} (in document order),
 * {@code List<Object>}, {@code String}, {@code Long} or {@code BigInteger}, {@code Double},
 * {@code Boolean} and {@code null}, following YAML 1.2's core schema (so {@code yes} and
 * {@code 0755} stay strings and numbers as written, unlike YAML 1.1 readers). Every expanded
 * alias is a copy: callers may walk the result freely. Merge keys ({@code <<: *defaults}, one
 * mapping or a list of them) are applied, with the mapping's own keys winning. A value with a
 * tag Braid does not know, such as GitLab's {@code !reference [.setup, script]}, is kept as a
 * {@link Tagged} value instead of failing the whole file.
 */
public final class SafeYaml {
    private final Limits limits;

    /** Caps for one document. */
    public record Limits(int maxCodePoints, int maxAliases, int maxDepth, int maxValues) {
        /** Generous for real DVC, CI and MLflow files (kilobytes, a few levels deep), tight for bombs. */
        public static final Limits STANDARD = new Limits(8 * 1024 * 1024, 1_000, 200, 2_000_000);
    }

    /** A value whose tag is not one of YAML's core types; {@code value} is what the tag was put on. */
    public record Tagged(String tag, Object value) {
    }

    /** The document could not be read: not YAML, or past one of the caps. */
    public static final class UnreadableYamlException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnreadableYamlException(String message) {
            super(message);
        }

        public UnreadableYamlException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public SafeYaml(Limits limits) {
        this.limits = limits;
    }

    /** A reader with {@link Limits#STANDARD}. */
    public static SafeYaml standard() {
        return new SafeYaml(Limits.STANDARD);
    }

    /**
     * The first document of {@code text} as plain Java values; null for an empty document.
     * {@code label} names the file in error messages.
     */
    public Object load(String label, String text) throws UnreadableYamlException {
        List<Object> all = load(label, text, true);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every document of a multi-document stream ({@code ---} separated). */
    public List<Object> loadAll(String label, String text) throws UnreadableYamlException {
        return load(label, text, false);
    }

    /** Like {@link #load} but requires a mapping at the top (an empty document is an empty map). */
    public Map<String, Object> loadMapping(String label, String text) throws UnreadableYamlException {
        Object loaded = load(label, text);
        if (loaded == null) {
            return Map.of();
        }
        if (!(loaded instanceof Map<?, ?>)) {
            throw new UnreadableYamlException(label + ": expected a YAML mapping at the top, found "
                    + describe(loaded));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) loaded;
        return map;
    }

    private List<Object> load(String label, String text, boolean firstOnly) throws UnreadableYamlException {
        if (text.length() > limits.maxCodePoints()) {
            throw new UnreadableYamlException(label + ": too large to read (" + text.length()
                    + " characters; the limit is " + limits.maxCodePoints() + ")");
        }
        int flowDepth = flowNestingDepth(text);
        if (flowDepth > limits.maxDepth()) {
            throw tooDeep(label);
        }
        LoadSettings settings = LoadSettings.builder().setLabel(label).setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false).setMaxAliasesForCollections(limits.maxAliases())
                .setCodePointLimit(Math.max(limits.maxCodePoints(), 1)).setUseMarks(true)
                .setSchema(new CoreSchema()).build();
        Compose compose = new Compose(settings);
        List<Object> out = new ArrayList<>();
        try {
            if (firstOnly) {
                Optional<Node> node = compose.composeString(text);
                if (node.isPresent()) {
                    out.add(new Converter(label).convert(node.get(), 0));
                }
            } else {
                for (Node node : compose.composeAllFromString(text)) {
                    out.add(new Converter(label).convert(node, 0));
                }
            }
        } catch (YamlEngineException e) {
            throw new UnreadableYamlException(label + ": not valid YAML: " + oneLine(e.getMessage()), e);
        } catch (StackOverflowError e) {
            // Block nesting too deep for the parser's recursion; the flow pre-check catches most.
            throw tooDeep(label);
        }
        return out;
    }

    private UnreadableYamlException tooDeep(String label) {
        return new UnreadableYamlException(label + ": nested more than " + limits.maxDepth() + " levels deep");
    }

    /**
     * The deepest nesting of flow collections ({@code [} and {@code {}), skipping quoted text and
     * comments. Checked before parsing because the parser recurses once per level: a file of a
     * hundred thousand brackets would overflow the stack long before any later check could run.
     */
    static int flowNestingDepth(String text) {
        int depth = 0;
        int max = 0;
        char quote = 0;
        boolean comment = false;
        char previous = '\n';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (comment) {
                comment = c != '\n';
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"') {
                    i++;
                }
            } else if (c == '#' && (previous == ' ' || previous == '\t' || previous == '\n')) {
                comment = true;
            } else if ((c == '"' || c == '\'') && depth > 0) {
                quote = c;
            } else if (c == '[' || c == '{') {
                max = Math.max(max, ++depth);
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            previous = c;
        }
        return max;
    }

    private static String describe(Object value) {
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Tagged tagged) {
            return "a value tagged " + tagged.tag();
        }
        return value instanceof String ? "text" : "a single value";
    }

    private static String oneLine(String message) {
        return message == null ? "parse error" : message.replaceAll("\\s+", " ").strip();
    }

    /** Turns one composed node graph into plain values, counting every value it makes. */
    private final class Converter {
        private final String label;
        private int values;

        Converter(String label) {
            this.label = label;
        }

        Object convert(Node node, int depth) throws UnreadableYamlException {
            if (depth > limits.maxDepth()) {
                throw tooDeep(label);
            }
            if (++values > limits.maxValues()) {
                throw new UnreadableYamlException(label + ": expands to more than " + limits.maxValues()
                        + " values (aliases repeated inside aliases)");
            }
            Object plain;
            if (node instanceof ScalarNode scalar) {
                plain = scalar(scalar);
            } else if (node instanceof SequenceNode sequence) {
                plain = sequence(sequence, depth);
            } else if (node instanceof MappingNode mapping) {
                plain = mapping(mapping, depth);
            } else {
                throw new UnreadableYamlException(label + ": unexpected YAML node " + node.getNodeType());
            }
            Tag tag = node.getTag();
            return known(tag) ? plain : new Tagged(tag.getValue(), plain);
        }

        private boolean known(Tag tag) {
            // snakeyaml-engine gives plain ${NAME} scalars its environment-variable tag; in CI files and
            // dvc.yaml they are templates, so they stay the text they are.
            return tag.equals(Tag.STR) || tag.equals(Tag.ENV_TAG) || tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL)
                    || tag.equals(Tag.NULL) || tag.equals(Tag.SEQ) || tag.equals(Tag.MAP)
                    || tag.getValue().equals("tag:yaml.org,2002:merge");
        }

        private Object scalar(ScalarNode scalar) {
            String value = scalar.getValue();
            Tag tag = scalar.getTag();
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.valueOf(value.toLowerCase(java.util.Locale.ROOT));
            }
            if (tag.equals(Tag.INT)) {
                return integer(value);
            }
            if (tag.equals(Tag.FLOAT)) {
                return decimal(value);
            }
            return value;
        }

        private Object integer(String value) {
            try {
                String digits = value.startsWith("+") ? value.substring(1) : value;
                int radix = 10;
                if (digits.startsWith("0x")) {
                    digits = digits.substring(2);
                    radix = 16;
                } else if (digits.startsWith("0o")) {
                    digits = digits.substring(2);
                    radix = 8;
                }
                BigInteger big = new BigInteger(digits, radix);
                return big.bitLength() < 64 ? (Object) big.longValue() : big;
            } catch (NumberFormatException e) {
                return value;
            }
        }

        private Object decimal(String value) {
            String lower = value.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".nan")) {
                return Double.NaN;
            }
            if (lower.endsWith(".inf")) {
                return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            try {
                return Double.valueOf(value);
            } catch (NumberFormatException e) {
                return value;
            }
        }

        private List<Object> sequence(SequenceNode sequence, int depth) throws UnreadableYamlException {
            List<Object> out = new ArrayList<>(sequence.getValue().size());
            for (Node item : sequence.getValue()) {
                out.add(convert(item, depth + 1));
            }
            return out;
        }

        private Map<String, Object> mapping(MappingNode mapping, int depth) throws UnreadableYamlException {
            Map<String, Object> own = new LinkedHashMap<>();
            List<Map<?, ?>> merged = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Object key = convert(tuple.getKeyNode(), depth + 1);
                Object value = convert(tuple.getValueNode(), depth + 1);
                if ("<<".equals(key) && value instanceof Map<?, ?> one) {
                    merged.add(one);
                } else if ("<<".equals(key) && value instanceof List<?> many && many.stream().allMatch(Map.class::isInstance)) {
                    many.forEach(m -> merged.add((Map<?, ?>) m));
                } else {
                    String name = key instanceof String text ? text : String.valueOf(key);
                    if (own.containsKey(name)) {
                        throw new UnreadableYamlException(label + ": the key '" + name + "' appears twice in one mapping");
                    }
                    own.put(name, value);
                }
            }
            if (merged.isEmpty()) {
                return own;
            }
            // The mapping's own keys win, then earlier merged mappings over later ones (YAML's merge rule).
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = merged.size() - 1; i >= 0; i--) {
                merged.get(i).forEach((k, v) -> out.put(String.valueOf(k), v));
            }
            out.putAll(own);
            return out;
        }
    }
}
