package dev.braid.pipelines.dvc;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Values written the way DVC (Python) prints them: {@code 0.1}, {@code 1e-05}, {@code True}, {@code ['a', 'b']}. */
final class PythonText {
    private PythonText() {
    }

    /** Python's {@code str()} of a value loaded from YAML or JSON. */
    static String str(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof Float f) {
            return number(f.doubleValue());
        }
        if (value instanceof List<?> list) {
            StringJoiner out = new StringJoiner(", ", "[", "]");
            list.forEach(item -> out.add(repr(item)));
            return out.toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner out = new StringJoiner(", ", "{", "}");
            map.forEach((k, v) -> out.add(repr(k) + ": " + repr(v)));
            return out.toString();
        }
        return String.valueOf(value);
    }

    private static String repr(Object value) {
        if (value instanceof String text) {
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        return str(value);
    }

    /** Python's {@code repr()} of a float: shortest digits, exponent form below 1e-4 and from 1e16. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = exact.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + String.format("%02d", Math.abs(exponent));
        }
        String plain = exact.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** Python's {@code round(value, digits)} printed, as DVC's tables print metrics (5 digits by default). */
    static String rounded(Object value, int digits) {
        if (value instanceof Double d && !d.isNaN() && !d.isInfinite()) {
            return number(new BigDecimal(d).setScale(digits, java.math.RoundingMode.HALF_EVEN).doubleValue());
        }
        return str(value);
    }
}
