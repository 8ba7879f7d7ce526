package dev.braid.pipelines.definitions;

/** A pipeline definition found in a commit: its path and what kind it is. */
public record DefinitionFile(String path, DefinitionKind kind) {
}
