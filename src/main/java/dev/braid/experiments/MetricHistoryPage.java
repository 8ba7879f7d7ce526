package dev.braid.experiments;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * Reads one page of {@code metrics/get-history} straight from the token stream: a history can
 * hold hundreds of thousands of points, and a JSON tree of them would cost several times the
 * memory of the points themselves. Reads the same fields as {@link MlflowJson#point}.
 */
final class MetricHistoryPage {
    private MetricHistoryPage() {
    }

    /**
     * Adds the page's points to {@code into}; returns its next page token, or null on the last
     * page. The parser stands on the answer's opening brace.
     */
    static String read(JsonParser parser, List<MetricPoint> into) throws IOException {
        return PagedAnswer.read(parser, "metrics", item -> into.add(point(item)));
    }

    private static MetricPoint point(JsonParser parser) throws IOException {
        long step = 0;
        long timestamp = 0;
        Double value = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "step" -> step = number(parser, token);
                case "timestamp" -> timestamp = number(parser, token);
                case "value" -> value = value(parser, token);
                default -> parser.skipChildren();
            }
        }
        return new MetricPoint(step, timestamp, value);
    }

    /** Protobuf's JSON writes 64-bit integers as strings; accept both. */
    private static long number(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getValueAsLong();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(parser.getText().strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** A number, or a string such as "NaN" or "Infinity"; NaN becomes null, as in {@link MlflowJson#value}. */
    private static Double value(JsonParser parser, JsonToken token) throws IOException {
        double v;
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            v = parser.getDoubleValue();
        } else if (token == JsonToken.VALUE_STRING) {
            try {
                v = Double.parseDouble(parser.getText());
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
        } else {
            return null;
        }
        return Double.isNaN(v) ? null : v;
    }
}
