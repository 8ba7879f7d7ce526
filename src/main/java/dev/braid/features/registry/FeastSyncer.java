package dev.braid.features.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.features.feast.FeastException;
import dev.braid.features.feast.RegistryFile;
import dev.braid.features.feast.RegistryServer;
import dev.braid.features.feast.RegistrySnapshot;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Syncs a Feast registry source: a registry server ({@code url}) or a registry file
 * ({@code registry}), optionally one {@code project} of it. The whole registry is read first
 * (it is small: thousands of objects), then only what changed is written, with the cursor, in
 * one transaction; a failed read or write leaves the cache as it was. A registry file whose size
 * and modification time are those of the last sync is not read again.
 */
public final class FeastSyncer implements SourceSyncer {
    public static final String KIND = "feast";
    public static final String URL = "url";
    public static final String REGISTRY = "registry";
    public static final String PROJECT = "project";
    public static final String TOKEN_ENV = "token_env";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final Database db;
    private final SourceStore sources;
    private final Clock clock;
    private final Map<String, String> env;
    private final HttpClient http;
    private final CatalogueWriter writer = new CatalogueWriter(new DefinitionJson());
    private final ObjectMapper json = new ObjectMapper();

    public FeastSyncer(Database db, SourceStore sources, Clock clock, Map<String, String> env) {
        this.db = db;
        this.sources = sources;
        this.clock = clock;
        this.env = Map.copyOf(env);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public SyncCounts sync(Source source, SyncContext context) throws SyncFailure {
        try {
            return syncOrFail(source, context);
        } catch (FeastException e) {
            throw SyncFailure.from(e, e.getMessage());
        }
    }

    private SyncCounts syncOrFail(Source source, SyncContext context) throws FeastException, SyncFailure {
        String project = source.config(PROJECT);
        ObjectNode cursor = readCursor(source);
        RegistrySnapshot snapshot;
        ObjectNode next = json.createObjectNode();
        if (source.config(REGISTRY) != null) {
            Path file = Path.of(source.config(REGISTRY));
            String stamp = stamp(file);
            next.put("file", stamp);
            if (stamp.equals(cursor.path("file").asText(null))) {
                context.progress(1, "the registry file has not changed");
                return SyncCounts.NONE;
            }
            context.progress(-1, "reading " + file);
            snapshot = new RegistryFile().read(file).onlyProject(project);
        } else if (source.config(URL) != null) {
            context.progress(-1, "reading the registry server");
            snapshot = new RegistryServer(URI.create(source.config(URL)), token(source), http, TIMEOUT,
                    context::isCancelled).read(project);
        } else {
            throw SyncFailure.permanent("the Feast source " + source.name() + " names neither a server nor a file", null);
        }
        context.checkCancelled();
        context.progress(-1, "saving " + snapshot.views().size() + " feature views");
        return db.write(c -> {
            SyncCounts counts = writer.write(c, source.id(), source.name(), snapshot, clock.instant());
            sources.saveCursor(c, source.id(), next.toString());
            return counts;
        });
    }

    private String token(Source source) throws SyncFailure {
        String variable = source.config(TOKEN_ENV);
        if (variable == null) {
            return null;
        }
        String token = env.get(variable);
        if (token == null || token.isBlank()) {
            throw SyncFailure.permanent("the token variable " + variable + " of " + source.name() + " is not set", null);
        }
        return token;
    }

    /** Size and modification time: a rewritten registry changes at least one of them. */
    private static String stamp(Path file) {
        try {
            return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            // Reading reports the missing or unreadable file in its own words.
            return "unreadable";
        }
    }

    private ObjectNode readCursor(Source source) {
        String text = db.read(c -> sources.cursor(c, source.id()));
        try {
            JsonNode node = json.readTree(text);
            return node instanceof ObjectNode o ? o : json.createObjectNode();
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
