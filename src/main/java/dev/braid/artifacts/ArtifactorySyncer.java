package dev.braid.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.ci.CiAuth;
import dev.braid.pipelines.ci.CiHttp;
import dev.braid.store.Database;
import dev.braid.sync.PagingGuard;
import dev.braid.sync.Secrets;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Syncs an Artifactory source (ADR 25): for each repository it follows, the files changed since the
 * last sync through AQL (paged with {@code .offset()/.limit()}, oldest change first, with their
 * checksums and properties) and the repository's storage listing, so that deleted files go; then
 * every build whose latest run started since the last sync, with the build-info of each run not
 * cached yet. Everything is read first and written in one transaction with the new cursor, so a
 * failed or cancelled sync leaves the cache as it was.
 */
public final class ArtifactorySyncer implements SourceSyncer {
    /** Files per AQL page. */
    public static final int PAGE = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;
    private final SourceStore sources;
    private final Map<String, String> env;
    private final Secrets secrets;
    private final CiHttp.Options options;
    private final int pageSize;
    private final ArtifactoryStore store = new ArtifactoryStore();

    public ArtifactorySyncer(Database db, SourceStore sources, Map<String, String> env, Secrets secrets,
                             CiHttp.Options options, int pageSize) {
        this.db = db;
        this.sources = sources;
        this.env = env;
        this.secrets = secrets;
        this.options = options;
        this.pageSize = pageSize;
    }

    @Override
    public String kind() {
        return ArtifactoryService.KIND;
    }

    @Override
    public SyncCounts sync(Source source, SyncContext context) throws Exception {
        try {
            return syncOrFail(source, context);
        } catch (PipelineException e) {
            throw SyncFailure.from(e, secrets.mask(e.getMessage()));
        }
    }

    private SyncCounts syncOrFail(Source source, SyncContext context) throws PipelineException, IOException {
        URI base = URI.create(source.config(ArtifactoryService.URL));
        CiAuth.Credentials credentials = CiAuth.resolve(ArtifactoryService.KIND, source, base, env);
        credentials.secrets().forEach(secrets::register);
        ArtifactoryClient client = new ArtifactoryClient(new CiHttp("Artifactory", base, credentials, options,
                context::isCancelled, message -> context.progress(-1, message)));
        ObjectNode cursor = readCursor(source);
        ObjectNode fileCursor = cursor.with("files");
        ObjectNode buildCursor = cursor.with("builds");

        context.progress(-1, "listing repositories");
        List<ArtifactoryClient.Repository> repos = followed(source, client.repositories(), client);
        List<ArtifactoryFile> changed = new ArrayList<>();
        Map<String, Set<String>> present = new LinkedHashMap<>();
        for (ArtifactoryClient.Repository repo : repos) {
            context.checkCancelled();
            String since = fileCursor.hasNonNull(repo.key()) ? fileCursor.get(repo.key()).asText() : null;
            String newest = since;
            long newestMs = since == null ? Long.MIN_VALUE : ArtifactoryTimes.millis(since);
            PagingGuard pages = PagingGuard.standard("Artifactory AQL search of " + repo.key());
            int offset = 0;
            String next;
            do {
                context.progress(-1, "searching " + repo.key() + (offset == 0 ? "" : " (" + offset + " files so far)"));
                ArtifactoryClient.AqlPage page = client.files(repo.key(), since, offset, pageSize);
                for (ArtifactoryFile file : page.files()) {
                    changed.add(file);
                    if (file.modifiedMs() >= newestMs) {
                        newestMs = file.modifiedMs();
                        newest = file.modified();
                    }
                }
                offset += page.returned();
                next = pages.next(page.returned() < pageSize ? null : String.valueOf(offset));
                context.checkCancelled();
            } while (next != null);
            context.progress(-1, "listing " + repo.key());
            present.put(repo.key(), client.listing(repo.key()));
            if (newest != null) {
                fileCursor.put(repo.key(), newest);
            }
        }

        context.progress(-1, "reading builds");
        List<ArtifactoryClient.BuildRef> refs = client.builds();
        List<ArtifactoryBuild> newBuilds = new ArrayList<>();
        Map<String, Set<String>> goneNumbers = new LinkedHashMap<>();
        Set<String> cachedNames = db.read(c -> store.buildNames(c, source.id()));
        for (ArtifactoryClient.BuildRef ref : refs) {
            context.checkCancelled();
            String seen = buildCursor.hasNonNull(ref.name()) ? buildCursor.get(ref.name()).asText() : null;
            if (cachedNames.contains(ref.name()) && ref.lastStarted() != null && ref.lastStarted().equals(seen)) {
                continue;
            }
            Set<String> cached = db.read(c -> store.buildNumbers(c, source.id(), ref.name()));
            List<String> numbers = client.numbers(ref.name());
            for (String number : numbers) {
                if (!cached.contains(number)) {
                    context.progress(-1, "reading build " + ref.name() + " #" + number);
                    newBuilds.add(client.build(ref.name(), number));
                }
            }
            Set<String> gone = new HashSet<>(cached);
            numbers.forEach(gone::remove);
            goneNumbers.put(ref.name(), gone);
            if (ref.lastStarted() != null) {
                buildCursor.put(ref.name(), ref.lastStarted());
            }
        }
        Set<String> goneNames = new HashSet<>(cachedNames);
        refs.forEach(r -> goneNames.remove(r.name()));
        goneNames.forEach(buildCursor::remove);
        List<String> unfollowed = new ArrayList<>();
        fileCursor.fieldNames().forEachRemaining(name -> {
            if (repos.stream().noneMatch(r -> r.key().equals(name))) {
                unfollowed.add(name);
            }
        });
        unfollowed.forEach(fileCursor::remove);

        context.checkCancelled();
        context.progress(-1, "saving " + changed.size() + " files and " + newBuilds.size() + " builds");
        String newCursor = JSON.writeValueAsString(cursor);
        return db.write(c -> {
            long added = 0;
            long updated = 0;
            long removed = 0;
            for (ArtifactoryClient.Repository repo : repos) {
                store.saveRepository(c, source.id(), repo);
            }
            removed += store.removeRepositoriesExcept(c, source.id(), repos.stream().map(ArtifactoryClient.Repository::key).toList());
            for (ArtifactoryFile file : changed) {
                if (present.getOrDefault(file.repo(), Set.of()).contains(file.path()) || !present.containsKey(file.repo())) {
                    switch (store.saveFile(c, source.id(), file)) {
                        case ADDED -> added++;
                        case CHANGED -> updated++;
                        case SAME -> { }
                    }
                }
            }
            for (Map.Entry<String, Set<String>> listing : present.entrySet()) {
                removed += store.removeFilesExcept(c, source.id(), listing.getKey(), listing.getValue());
            }
            for (ArtifactoryBuild build : newBuilds) {
                if (store.saveBuild(c, source.id(), build)) {
                    added++;
                } else {
                    updated++;
                }
            }
            for (Map.Entry<String, Set<String>> gone : goneNumbers.entrySet()) {
                for (String number : gone.getValue()) {
                    store.removeBuild(c, source.id(), gone.getKey(), number);
                    removed++;
                }
            }
            for (String name : goneNames) {
                for (String number : store.buildNumbers(c, source.id(), name)) {
                    store.removeBuild(c, source.id(), name, number);
                    removed++;
                }
            }
            sources.saveCursor(c, source.id(), newCursor);
            return new SyncCounts(added, updated, removed);
        });
    }

    /** The repositories the source names, checked against what Artifactory lists; else every local one. */
    private static List<ArtifactoryClient.Repository> followed(Source source, List<ArtifactoryClient.Repository> listed,
                                                               ArtifactoryClient client) throws PipelineException {
        List<String> named = ArtifactoryService.repos(source);
        if (named.isEmpty()) {
            return listed.stream().filter(r -> r.type() == null || r.type().equalsIgnoreCase("LOCAL")
                    || r.type().equalsIgnoreCase("FEDERATED")).toList();
        }
        List<ArtifactoryClient.Repository> out = new ArrayList<>();
        for (String key : named) {
            ArtifactoryClient.Repository repo = listed.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
            if (repo == null) {
                throw PipelineException.permanent(client.where() + " has no repository " + key + " that these credentials"
                        + " may read (it lists " + listed.stream().map(ArtifactoryClient.Repository::key).sorted().toList()
                        + ").", null);
            }
            out.add(repo);
        }
        return out;
    }

    private ObjectNode readCursor(Source source) throws IOException {
        String text = db.read(c -> sources.cursor(c, source.id()));
        try {
            JsonNode node = JSON.readTree(text == null || text.isBlank() ? "{}" : text);
            return node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode(); // an unreadable cursor only means everything is read again
        }
    }
}
