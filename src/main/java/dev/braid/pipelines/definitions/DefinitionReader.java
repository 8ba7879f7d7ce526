package dev.braid.pipelines.definitions;

import java.io.IOException;

/** Reads one kind of pipeline definition file into a {@link DefinitionDag}. */
public interface DefinitionReader {
    DefinitionKind kind();

    /** Whether a file at {@code path} may be of this kind (by its name alone). */
    boolean candidate(String path);

    /** Whether a candidate's text really is of this kind (for kinds recognised by content). */
    default boolean accepts(String path, String text) {
        return true;
    }

    /** The DAG; whatever cannot be read becomes a note, never an exception. */
    DefinitionDag read(TreeFiles files, String path, String text) throws IOException;
}
