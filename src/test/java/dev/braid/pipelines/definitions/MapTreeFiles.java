package dev.braid.pipelines.definitions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files of an imagined commit, for reader tests that need no repository. */
final class MapTreeFiles implements TreeFiles {
    private final Map<String, String> files;

    MapTreeFiles(Map<String, String> files) {
        this.files = new TreeMap<>(files);
    }

    /** Every file under {@code folder}, by its path relative to it. */
    static MapTreeFiles of(Path folder) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MapTreeFiles(files);
    }

    @Override
    public String commit() {
        return "0000000000000000000000000000000000000000";
    }

    @Override
    public Optional<String> read(String path) {
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public List<String> paths() {
        return new ArrayList<>(files.keySet());
    }
}
