package dev.braid.features.usage;

/** One derived use, as a row of {@code feature_uses}: an MLflow run ({@code runPk}) or an OpenLineage job run ({@code nodeId}). */
record UseRow(long viewPk, String version, Long runPk, String nodeId, Long usedAt, String via, String evidence, boolean pinned) {
}
