package dev.braid.pipelines.dvc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DVC's {@code ${...}} templating in {@code dvc.yaml}: names looked up in a context of
 * {@code vars}, {@code params.yaml}, {@code item} and {@code key}, with dotted and indexed
 * paths ({@code ${train.lr}}, {@code ${models[0]}}). A value that is exactly one
 * {@code ${...}} keeps its type (a list for {@code foreach}); inside text it is written as DVC
 * writes it (booleans as {@code true}/{@code false}).
 */
final class DvcInterpolation {
    private static final Pattern EXPRESSION = Pattern.compile("(?<!\\\\)\\$\\{\\s*([^}]+?)\\s*}");
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    /** A name the context does not have; the message names it. */
    static final class MissingValueException extends Exception {
        private static final long serialVersionUID = 1L;

        MissingValueException(String message) {
            super(message, null, false, false);
        }
    }

    private DvcInterpolation() {
    }

    /** {@code value} with every {@code ${...}} in it (deeply) replaced from {@code context}. */
    static Object resolve(Object value, Map<String, Object> context) throws MissingValueException {
        if (value instanceof String text) {
            return resolveText(text, context);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.put(resolve(entry.getKey(), context), resolve(entry.getValue(), context));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(resolve(item, context));
            }
            return out;
        }
        return value;
    }

    private static Object resolveText(String text, Map<String, Object> context) throws MissingValueException {
        Matcher whole = EXPRESSION.matcher(text);
        if (whole.matches()) {
            return lookup(whole.group(1), context);
        }
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(written(lookup(m.group(1), context))));
        }
        m.appendTail(out);
        return out.toString().replace("\\${", "${");
    }

    static Object lookup(String path, Map<String, Object> context) throws MissingValueException {
        Object current = context;
        Matcher step = STEP.matcher(path);
        int at = 0;
        while (step.find()) {
            if (step.start() != at && path.charAt(at) != '.') {
                break;
            }
            at = step.end();
            if (step.group(1) != null) {
                if (!(current instanceof Map<?, ?> map) || !map.containsKey(step.group(1))) {
                    throw new MissingValueException("Could not find '" + path + "'");
                }
                current = map.get(step.group(1));
            } else {
                int index = Integer.parseInt(step.group(2));
                if (!(current instanceof List<?> list) || index >= list.size()) {
                    throw new MissingValueException("Could not find '" + path + "'");
                }
                current = list.get(index);
            }
        }
        return current;
    }

    /** How DVC writes a value into text. */
    static String written(Object value) {
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof Double d) {
            return PythonText.number(d);
        }
        return String.valueOf(value);
    }
}
