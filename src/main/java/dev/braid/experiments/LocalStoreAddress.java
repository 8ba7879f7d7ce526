package dev.braid.experiments;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The address of a local MLflow store: a SQLite backend file ({@code sqlite:///relative.db} or
 * {@code sqlite:////absolute/mlflow.db}, as MLflow writes them) or a legacy {@code mlruns} folder
 * (a path or a {@code file://} URI). Stored in the source's configuration as an absolute
 * {@code sqlite:///} or {@code file://} URI.
 */
record LocalStoreAddress(Kind kind, Path path) {
    enum Kind { SQLITE, FILE_STORE }

    private static final String SQLITE = "sqlite:///";
    private static final String FILE = "file://";

    /**
     * Reads {@code text} as a local store; empty when it is a network address (anything with
     * {@code ://} other than {@code sqlite:} and {@code file:}). Fails when it names a local store
     * that is not there.
     */
    static Optional<LocalStoreAddress> parse(String text) throws ExperimentException {
        String trimmed = text == null ? "" : text.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty() || (lower.contains("://") && !lower.startsWith("sqlite:") && !lower.startsWith("file:"))) {
            return Optional.empty();
        }
        if (lower.startsWith("sqlite:")) {
            if (!lower.startsWith(SQLITE)) {
                throw new ExperimentException("write a SQLite store as sqlite:///relative/mlflow.db or"
                        + " sqlite:////absolute/mlflow.db, not " + trimmed);
            }
            Path file = path(trimmed.substring(SQLITE.length()));
            if (!Files.isRegularFile(file)) {
                throw new ExperimentException("no MLflow database at " + file);
            }
            return Optional.of(new LocalStoreAddress(Kind.SQLITE, file));
        }
        String raw = lower.startsWith(FILE) ? trimmed.substring(FILE.length()) : lower.startsWith("file:")
                ? trimmed.substring("file:".length()) : trimmed;
        Path folder = path(raw);
        if (!Files.isDirectory(folder)) {
            throw new ExperimentException("no mlruns folder at " + folder);
        }
        if (!looksLikeFileStore(folder)) {
            throw new ExperimentException(folder + " is not an MLflow file store: it holds no <experiment>/meta.yaml");
        }
        return Optional.of(new LocalStoreAddress(Kind.FILE_STORE, folder));
    }

    /** Reads an address written by {@link #uri()}; empty for network addresses. */
    static Optional<LocalStoreAddress> ofConfigured(String uri) {
        if (uri == null) {
            return Optional.empty();
        }
        String lower = uri.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith(SQLITE)) {
            return Optional.of(new LocalStoreAddress(Kind.SQLITE, Path.of(uri.strip().substring(SQLITE.length()))));
        }
        if (lower.startsWith(FILE)) {
            return Optional.of(new LocalStoreAddress(Kind.FILE_STORE, Path.of(uri.strip().substring(FILE.length()))));
        }
        return Optional.empty();
    }

    String uri() {
        return (kind == Kind.SQLITE ? SQLITE : FILE) + path;
    }

    /** e.g. {@code mlflow-project-mlflow.db} or {@code mlflow-project-mlruns}. */
    String defaultName() {
        Path parent = path.getParent();
        String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "-";
        return ("mlflow-" + folder + path.getFileName()).replaceAll("[^\\w.-]", "-");
    }

    private static Path path(String text) throws ExperimentException {
        try {
            return Path.of(text.isEmpty() ? "." : text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ExperimentException("not a valid path: " + text, e);
        }
    }

    private static boolean looksLikeFileStore(Path folder) throws ExperimentException {
        if (Files.isDirectory(folder.resolve(".trash"))) {
            return true;
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.anyMatch(child -> Files.isRegularFile(child.resolve("meta.yaml")));
        } catch (java.io.IOException e) {
            throw new ExperimentException("cannot read " + folder + ": " + e.getMessage(), e);
        }
    }
}
