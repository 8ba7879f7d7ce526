package dev.braid.artifacts;

import dev.braid.pipelines.ci.CiAuth;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JFrog Artifactory sources (ADR 25): adding one, and reading what its syncs cached (files with
 * checksums and properties, builds with what they produced and used). Credentials are never
 * stored: a source names the environment variables holding an access token (sent as
 * {@code Authorization: Bearer}) or a user's password or API key (HTTP basic).
 */
public final class ArtifactoryService {
    public static final String KIND = "artifactory";
    /** The base URL, ending in {@code /artifactory} on a JFrog Platform. */
    public static final String URL = "url";
    /** The repository keys followed, comma-separated; none means every local repository. */
    public static final String REPOS = "repos";
    private final Database db;
    private final SourceStore sources;
    private final ArtifactoryStore store = new ArtifactoryStore();

    public ArtifactoryService(Database db, SourceStore sources) {
        this.db = db;
        this.sources = sources;
    }

    /**
     * Adds an Artifactory source at {@code url} following {@code repos} (all local repositories when
     * empty), authenticated by the token in {@code tokenEnv}, or as {@code username} with the
     * password or API key in {@code passwordEnv}; named {@code name}, else after the host.
     *
     * @throws ArtifactoryException for an address that is not http(s), a repository key that cannot
     *     be one, both kinds of credentials at once, or a name already taken
     */
    public Source add(String url, List<String> repos, String tokenEnv, String username, String passwordEnv, String name)
            throws ArtifactoryException {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.strip().replaceFirst("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new ArtifactoryException("not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new ArtifactoryException("not an http(s) URL: " + url + " (give Artifactory's base URL, such as"
                    + " https://acme.jfrog.io/artifactory)");
        }
        if (tokenEnv != null && username != null) {
            throw new ArtifactoryException("give either --token-env or --user, not both");
        }
        if (passwordEnv != null && username == null) {
            throw new ArtifactoryException("--password-env needs --user");
        }
        List<String> keys = new ArrayList<>();
        for (String repo : repos == null ? List.<String>of() : repos) {
            for (String key : repo.split(",")) {
                String k = key.strip();
                if (k.isEmpty()) {
                    continue;
                }
                if (!k.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                    throw new ArtifactoryException("not a repository key: " + k);
                }
                if (!keys.contains(k)) {
                    keys.add(k);
                }
            }
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put(URL, uri.toString());
        if (!keys.isEmpty()) {
            config.put(REPOS, String.join(",", keys));
        }
        if (tokenEnv != null) {
            config.put(CiAuth.TOKEN_ENV, tokenEnv);
        }
        if (username != null) {
            config.put(CiAuth.USERNAME, username);
        }
        if (passwordEnv != null) {
            config.put(CiAuth.PASSWORD_ENV, passwordEnv);
        }
        try {
            return db.write(c -> sources.insertNamed(c, KIND, name, () -> uri.getHost().toLowerCase(Locale.ROOT), config));
        } catch (IllegalStateException e) {
            throw new ArtifactoryException(e.getMessage());
        }
    }

    /** The repository keys {@code source} follows; empty for every local repository. */
    public static List<String> repos(Source source) {
        String text = source.config(REPOS);
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The files the last sync of {@code source} cached, by repository and path. */
    public List<ArtifactoryFile> files(Source source) {
        return db.read(c -> store.files(c, source.id()));
    }

    /** The builds the syncs of {@code source} cached, newest first. */
    public List<ArtifactoryBuild> builds(Source source) {
        return db.read(c -> store.builds(c, source.id()));
    }
}
