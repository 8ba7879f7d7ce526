package dev.braid.features.feast;

import java.util.Map;

/**
 * Feast's value types ({@code feast.types.ValueType.Enum} names such as {@code FLOAT_LIST}) in the
 * names people write in definitions and Feast prints ({@code Array(Float32)}).
 */
public final class FeastTypes {
    private static final Map<String, String> SCALARS = Map.ofEntries(
            Map.entry("BYTES", "Bytes"), Map.entry("STRING", "String"), Map.entry("INT32", "Int32"),
            Map.entry("INT64", "Int64"), Map.entry("DOUBLE", "Float64"), Map.entry("FLOAT", "Float32"),
            Map.entry("BOOL", "Bool"), Map.entry("UNIX_TIMESTAMP", "UnixTimestamp"), Map.entry("MAP", "Map"),
            Map.entry("JSON", "Json"), Map.entry("STRUCT", "Struct"), Map.entry("UUID", "Uuid"),
            Map.entry("TIME_UUID", "TimeUuid"), Map.entry("DECIMAL", "Decimal"), Map.entry("VALUE", "Array(String)"),
            Map.entry("SCALAR_MAP", "Map"), Map.entry("ZONED_TIMESTAMP", "ZonedTimestamp"), Map.entry("NULL", "Null"),
            Map.entry("INVALID", "Invalid"));

    private FeastTypes() {
    }

    /** The Feast type name for a value type; an unknown name is returned as given. */
    public static String name(String valueType) {
        if (valueType == null || valueType.isBlank()) {
            return "Invalid";
        }
        String t = valueType.strip();
        String scalar = SCALARS.get(t);
        if (scalar != null) {
            return scalar;
        }
        if (t.endsWith("_LIST")) {
            String inner = SCALARS.get(t.substring(0, t.length() - 5));
            return inner == null ? t : "Array(" + inner + ")";
        }
        if (t.endsWith("_SET")) {
            String inner = SCALARS.get(t.substring(0, t.length() - 4));
            return inner == null ? t : "Set(" + inner + ")";
        }
        return t;
    }
}
