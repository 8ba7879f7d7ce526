package dev.braid.experiments.filter;

/**
 * A key a filter or an order names, in canonical form: {@code kind} is {@code metrics},
 * {@code params}, {@code tags}, {@code attributes} or {@code datasets}, {@code key} the name
 * after it ({@code rmse}, {@code start_time}). {@link #toString()} is {@code metrics.rmse}.
 */
public record NamedKey(String kind, String key) {
    static NamedKey of(FieldRef field) {
        return new NamedKey(field.entity().prefix(), field.attribute() != null ? field.attribute().column() : field.key());
    }

    @Override
    public String toString() {
        return kind + "." + key;
    }
}
