package dev.braid.lineage;

/**
 * An indexed repository some MLflow runs ran in: its source, its folder on disk, and its location
 * (remote URL, else folder) that names its commits and data (ADR 8).
 */
public record RunRepository(long sourceId, String sourceName, String path, String location) {
}
