package dev.braid.pipelines.definitions;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The files of one commit (or, in tests, of a folder) that a definition reader may open: the
 * definition itself and what it includes locally. Paths are relative to the repository root with
 * forward slashes.
 */
public interface TreeFiles {
    /** The commit these files belong to (full hash), or empty for a folder. */
    String commit();

    /** The text of the file at {@code path} (UTF-8), or empty when there is no such file. */
    Optional<String> read(String path) throws IOException;

    /** Every file path, in path order. */
    List<String> paths() throws IOException;

    /**
     * The paths whose name ends with one of {@code suffixes} (such as {@code "dvc.yaml"} or
     * {@code ".dvc"}); implementations may find them without listing every file.
     */
    default List<String> pathsEndingWith(List<String> suffixes) throws IOException {
        return paths().stream().filter(p -> suffixes.stream().anyMatch(p::endsWith)).toList();
    }
}
