package dev.braid.features.registry;

/** A version of a view the cache already holds, as {@link VersionAssigner} needs it. */
record KnownVersion(String label, Integer number, int seq, String definitionHash, String schemaHash, String origin) {
}
