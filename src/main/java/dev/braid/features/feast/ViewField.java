package dev.braid.features.feast;

/** One field of a feature view: a feature or an entity column, with its Feast type name ({@code Float32}, {@code Array(Int64)}). */
public record ViewField(String name, String type, String description) {
    public ViewField {
        description = description == null ? "" : description;
    }
}
