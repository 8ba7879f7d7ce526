package dev.braid.pipelines.dvc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One param or metric compared between two commits, as {@code dvc params diff} and
 * {@code dvc metrics diff} report it.
 *
 * @param path the params or metrics file
 * @param key the dotted key ({@code train.lr}, {@code nested.f1})
 * @param oldValue the value at the first commit (null when {@code inOld} is false)
 * @param newValue the value at the second commit (null when {@code inNew} is false)
 */
public record DvcValueChange(String path, String key, Object oldValue, Object newValue, boolean inOld, boolean inNew) {
    /** Whether the two values differ (a key on one side only differs). */
    public boolean changed() {
        return inOld != inNew || !DvcValues.same(oldValue, newValue);
    }

    /** {@code new - old} when both are numbers (not booleans), else null. */
    public Double diff() {
        if (inOld && inNew && isNumber(oldValue) && isNumber(newValue)) {
            return ((Number) newValue).doubleValue() - ((Number) oldValue).doubleValue();
        }
        return null;
    }

    private static boolean isNumber(Object value) {
        return value instanceof Number && !(value instanceof Boolean);
    }

    /** The entry of {@code --json} output: {@code {"old": ..., "new": ..., "diff": ...}}. */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("old", oldValue);
        out.put("new", newValue);
        Double diff = diff();
        if (diff != null) {
            out.put("diff", integral(oldValue) && integral(newValue) ? (Object) Math.round(diff) : diff);
        }
        return out;
    }

    private static boolean integral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof java.math.BigInteger;
    }
}
