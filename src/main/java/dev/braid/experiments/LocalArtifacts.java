package dev.braid.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A run's artifact folder on disk, as local MLflow stores keep it: read in place, read-only.
 * Files MLflow is still uploading ({@code .artifact.uploading.*}) are left out, as MLflow's own
 * listing leaves them out. Symbolic links are not followed out of the folder.
 */
final class LocalArtifacts implements ArtifactReader {
    /** MLflow's prefix for a file being written into a local artifact folder. */
    static final String UPLOADING = ".artifact.uploading.";
    private final Path root;

    LocalArtifacts(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The folder a run's {@code artifactUri} names: a {@code file:} URI or a path; a relative
     * path is taken from {@code storeFolder}, the folder the store lies in. Other schemes (S3,
     * {@code mlflow-artifacts:}) need a tracking server and are refused with a message saying so.
     */
    static LocalArtifacts of(String artifactUri, Path storeFolder) throws ExperimentException {
        String uri = artifactUri == null ? "" : artifactUri.strip();
        if (uri.isEmpty()) {
            throw new ExperimentException("this run names no artifact location");
        }
        String lower = uri.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("file:")) {
                return new LocalArtifacts(fileUri(uri));
            }
            if (lower.matches("^[a-z][a-z0-9+.-]+:.*")) {
                throw new ExperimentException("this run's artifacts are at " + uri + ", which Braid reads only through"
                        + " a tracking server; add the server that holds this store as a source to see them");
            }
            Path path = Path.of(uri);
            return new LocalArtifacts(path.isAbsolute() ? path : storeFolder.resolve(path));
        } catch (IllegalArgumentException e) {
            throw new ExperimentException("cannot read the artifact location " + uri + ": " + e.getMessage(), e);
        }
    }

    /** MLflow writes {@code file:///abs/path} with spaces and the like percent-encoded; be lenient with the rest. */
    private static Path fileUri(String uri) {
        String rest = uri.substring("file:".length());
        try {
            return Path.of(URI.create("file:" + (rest.startsWith("//") && !rest.startsWith("///") ? "/" + rest : rest)));
        } catch (IllegalArgumentException e) {
            // Not a well-formed URI (an unencoded space, say): take what follows the scheme as the path.
            return Path.of(rest.replaceFirst("^//", ""));
        }
    }

    Path root() {
        return root;
    }

    @Override
    public List<ArtifactEntry> list(String path) throws ExperimentException {
        Path folder = ArtifactPaths.inside(root, path);
        if (!Files.isDirectory(folder) || !within(folder)) {
            return List.of();
        }
        List<ArtifactEntry> out = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(UPLOADING)) {
                    continue;
                }
                boolean directory = Files.isDirectory(child);
                out.add(new ArtifactEntry(ArtifactPaths.child(path, name), directory, directory ? null : Files.size(child)));
            }
        } catch (IOException | RuntimeException e) {
            throw new ExperimentException("cannot read the artifact folder " + folder + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(ArtifactEntry::path));
        return out;
    }

    @Override
    public InputStream open(String path) throws ExperimentException {
        Path file = ArtifactPaths.inside(root, path);
        try {
            if (!Files.isRegularFile(file)) {
                throw new ExperimentException("no artifact file " + path + " in " + root);
            }
            if (!within(file)) {
                throw new ExperimentException("refused the artifact " + path + ": it links to a file outside " + root);
            }
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new ExperimentException("no artifact file " + path + " in " + root, e);
        } catch (IOException e) {
            throw new ExperimentException("cannot read the artifact " + file + ": " + e.getMessage(), e);
        }
    }

    /** True when {@code path}, links resolved, still lies inside the artifact folder. */
    private boolean within(Path path) throws ExperimentException {
        try {
            return path.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            throw new ExperimentException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
