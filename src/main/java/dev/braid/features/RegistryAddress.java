package dev.braid.features;

import dev.braid.features.registry.FeastSyncer;
import dev.braid.sync.SafeYaml;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code braid features add URL|PATH} was given, turned into a source's configuration: a
 * registry server's address, or the path of a registry file: given directly, as the folder
 * holding {@code registry.db}, or as a feature repository whose {@code feature_store.yaml} names a
 * file registry (relative paths resolved as Feast resolves them, against the repository).
 */
final class RegistryAddress {
    static final String REPO_PATH = "repo_path";
    private final Map<String, String> config;
    private final String defaultName;

    private RegistryAddress(Map<String, String> config, String defaultName) {
        this.config = Map.copyOf(config);
        this.defaultName = defaultName;
    }

    Map<String, String> config() {
        return config;
    }

    String defaultName() {
        return defaultName;
    }

    static RegistryAddress parse(String urlOrPath, String project) throws FeatureException {
        if (urlOrPath == null || urlOrPath.isBlank()) {
            throw new FeatureException("give the address of a Feast registry server or the path of a registry file");
        }
        String text = urlOrPath.strip();
        Map<String, String> config = new LinkedHashMap<>();
        if (project != null && !project.isBlank()) {
            config.put(FeastSyncer.PROJECT, project.strip());
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri;
            try {
                uri = URI.create(text);
            } catch (IllegalArgumentException e) {
                throw new FeatureException("not a valid address: " + text, e);
            }
            if (uri.getHost() == null) {
                throw new FeatureException("the address " + text + " names no host");
            }
            config.put(FeastSyncer.URL, text);
            String name = "feast-" + uri.getHost() + (uri.getPort() > 0 ? "-" + uri.getPort() : "");
            return new RegistryAddress(config, project == null || project.isBlank() ? name : "feast-" + project.strip());
        }
        if (lower.matches("[a-z][a-z0-9+.-]*://.*")) {
            throw new FeatureException("Braid reads Feast registry files on a local or mounted path, and registry servers"
                    + " over http(s); for " + text + ", add the project's registry server instead");
        }
        Path path = Path.of(text).toAbsolutePath().normalize();
        Path file;
        Path repo = null;
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve("feature_store.yaml"))) {
                repo = path;
                file = registryOf(path);
            } else if (Files.isRegularFile(path.resolve("registry.db"))) {
                file = path.resolve("registry.db");
            } else {
                throw new FeatureException(path + " holds neither a feature_store.yaml nor a registry.db");
            }
        } else if (Files.isRegularFile(path)) {
            file = path;
        } else {
            throw new FeatureException("no such file or folder: " + path);
        }
        if (repo == null) {
            repo = repositoryAround(file);
        }
        config.put(FeastSyncer.REGISTRY, file.toString());
        if (repo != null) {
            config.put(REPO_PATH, repo.toString());
        }
        String stem = project != null && !project.isBlank() ? project.strip()
                : (repo != null ? repo : file.getParent()).getFileName().toString();
        return new RegistryAddress(config, "feast-" + stem);
    }

    /** The file registry a feature repository's {@code feature_store.yaml} names. */
    private static Path registryOf(Path repo) throws FeatureException {
        Path yaml = repo.resolve("feature_store.yaml");
        Map<String, Object> store;
        try {
            store = SafeYaml.standard().loadMapping(yaml.toString(), Files.readString(yaml));
        } catch (IOException | SafeYaml.UnreadableYamlException e) {
            throw new FeatureException("cannot read " + yaml + ": " + e.getMessage(), e);
        }
        Object registry = store.get("registry");
        String location = null;
        String type = "file";
        if (registry instanceof String s) {
            location = s;
        } else if (registry instanceof Map<?, ?> m) {
            location = m.get("path") == null ? null : String.valueOf(m.get("path"));
            type = m.get("registry_type") == null ? "file" : String.valueOf(m.get("registry_type"));
        }
        if (location == null || location.isBlank()) {
            throw new FeatureException(yaml + " names no registry");
        }
        if (!type.equals("file") || location.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new FeatureException(yaml + " uses a " + (type.equals("file") ? "remote" : type) + " registry ("
                    + location + "); Braid reads file registries on a local or mounted path: add the project's"
                    + " registry server (feast serve_registry --rest-api) instead");
        }
        return repo.resolve(location).normalize();
    }

    /** The feature repository a registry file belongs to: its folder or the one above, if it holds feature_store.yaml. */
    private static Path repositoryAround(Path file) {
        Path dir = file.getParent();
        for (int up = 0; up < 2 && dir != null; up++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("feature_store.yaml"))) {
                return dir;
            }
        }
        return null;
    }
}
