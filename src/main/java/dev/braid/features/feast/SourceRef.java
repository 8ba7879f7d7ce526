package dev.braid.features.feast;

/**
 * A data source as a feature view names it: its Feast name, its type ({@code BATCH_FILE},
 * {@code BATCH_BIGQUERY}, {@code STREAM_KAFKA}…), where the data lives (a file or object URI, a
 * table, a topic; empty for request and push sources) and its event-time column.
 */
public record SourceRef(String name, String type, String location, String timestampField) {
    public SourceRef {
        name = name == null ? "" : name;
        type = type == null ? "" : type;
        location = location == null ? "" : location;
        timestampField = timestampField == null ? "" : timestampField;
    }
}
