package dev.braid.experiments;

import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The artifacts of cached runs: folder listings read from the run's source when asked (a tracking
 * server over REST, or the artifact folder of a local store), and files fetched on demand into
 * the data folder ({@code <downloads>/<source id>/<run id>/<path>}) for previewing, up to a size
 * cap. Every path, asked for or listed by a store, must stay inside the run's artifact folder;
 * nothing is ever written outside the downloads folder.
 *
 * <p>Listings read in this session are kept in memory, so a folder seen before still shows,
 * marked stale, while its store cannot be reached. Finished downloads are used again without
 * asking the store.
 */
public final class ArtifactService {
    /** The largest file fetched for previewing unless configured otherwise: 50 MB. */
    public static final long DEFAULT_SIZE_CAP = 50L * 1024 * 1024;
    /** How much of a text file is shown: the first 256 KB. */
    public static final int PREVIEW_BYTES = 256 * 1024;
    /** How many folder listings are remembered for offline use. */
    static final int REMEMBERED_LISTINGS = 500;
    private final Database db;
    private final SourceStore sources;
    private final MlflowConnector connector;
    private final ArtifactDownloads downloads;
    private volatile long sizeCap;
    private final Map<String, List<ArtifactEntry>> remembered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<ArtifactEntry>> eldest) {
            return size() > REMEMBERED_LISTINGS;
        }
    };

    /**
     * @param downloadFolder where fetched files are kept (created when first needed)
     * @param sizeCap        the largest file, in bytes, that is fetched
     */
    public ArtifactService(Database db, SourceStore sources, MlflowConnector connector, Path downloadFolder,
                           long sizeCap) {
        this.db = db;
        this.sources = sources;
        this.connector = connector;
        this.downloads = new ArtifactDownloads(downloadFolder);
        this.sizeCap = sizeCap;
    }

    /** The largest file, in bytes, that {@link #open} fetches. */
    public long sizeCap() {
        return sizeCap;
    }

    /** Changes the cap (a setting); downloads already kept are used whatever their size. */
    public void setSizeCap(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("the artifact size cap must be positive: " + bytes);
        }
        this.sizeCap = bytes;
    }

    /**
     * The files and folders directly inside folder {@code path} ({@code ""} or null for the root)
     * of the cached run {@code runPk}, by path. When the store cannot be read and the folder was
     * listed earlier in this session, that listing is returned with the reason; otherwise fails
     * with a message saying what went wrong. A store that lists a path outside the folder asked
     * for is refused.
     */
    public ArtifactListing list(long runPk, String path) throws ExperimentException {
        String folder = ArtifactPaths.check(path);
        RunLocation run = locate(runPk);
        String key = runPk + "\n" + folder;
        List<ArtifactEntry> entries;
        try {
            entries = checked(folder, reader(run).list(folder));
        } catch (ExperimentException e) {
            List<ArtifactEntry> earlier;
            synchronized (remembered) {
                earlier = remembered.get(key);
            }
            if (earlier == null || !(e instanceof MlflowException m && m.isTransient())) {
                throw e;
            }
            return new ArtifactListing(folder, earlier, e.getMessage());
        }
        synchronized (remembered) {
            remembered.put(key, entries);
        }
        return new ArtifactListing(folder, entries, null);
    }

    /**
     * Fetches the file {@code entry} of run {@code runPk} into the data folder, unless a finished
     * copy is there already, and says how to preview it. A file listed as larger than the
     * {@linkplain #sizeCap() cap}, or found larger while fetching, is not fetched: the result's
     * kind is {@link ArtifactContent.Kind#TOO_LARGE}.
     */
    public ArtifactContent open(long runPk, ArtifactEntry entry) throws ExperimentException {
        String path = ArtifactPaths.check(entry.path());
        if (entry.directory() || path.isEmpty()) {
            throw new ExperimentException(path.isEmpty() ? "choose an artifact file" : path + " is a folder, not a file");
        }
        if (entry.size() != null && entry.size() > sizeCap) {
            return new ArtifactContent(entry, ArtifactContent.Kind.TOO_LARGE, null, entry.size(), null, false, false);
        }
        RunLocation run = locate(runPk);
        Path target = downloads.target(run.sourceId(), run.runId(), path);
        if (downloads.finished(target, entry.size())) {
            return ArtifactPreviews.of(entry, target, size(target), true, PREVIEW_BYTES);
        }
        InputStream in = reader(run).open(path);
        long written = downloads.save(in, target, sizeCap);
        if (written < 0) {
            return new ArtifactContent(entry, ArtifactContent.Kind.TOO_LARGE, null, -1, null, false, false);
        }
        return ArtifactPreviews.of(entry, target, written, false, PREVIEW_BYTES);
    }

    /**
     * Where the files of model version {@code version} of source {@code sourceId} are: the logged
     * model it was registered from ({@code models:/m-…}), or the folder of its run it names
     * ({@code runs:/<run>/<path>}, or a stored URI ending {@code /<run>/artifacts/<path>}).
     * Fails, saying why, when the version names neither or its run or logged model is not cached.
     */
    public ModelLocation locate(long sourceId, ModelVersion version) throws ExperimentException {
        String source = version.source() == null ? "" : version.source().strip();
        String loggedModel = version.loggedModelId();
        if (loggedModel != null) {
            String uri = db.read(c -> {
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT artifact_location FROM logged_models WHERE source_id = ? AND model_id = ?")) {
                    st.setLong(1, sourceId);
                    st.setString(2, loggedModel);
                    try (ResultSet rs = st.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
            if (uri == null) {
                throw new ExperimentException("the logged model " + loggedModel + " of " + version.name() + " version "
                        + version.version() + " is not cached; sync its source");
            }
            return new ModelLocation(sourceId, null, loggedModel, uri, "");
        }
        String runId = version.runId();
        if (runId == null || runId.isBlank()) {
            throw new ExperimentException(version.name() + " version " + version.version() + " names no run and no"
                    + " logged model (" + source + "); Braid cannot tell where its files are");
        }
        String folder = null;
        String runsPrefix = "runs:/" + runId + "/";
        String storedMarker = "/" + runId + "/artifacts/";
        if (source.startsWith(runsPrefix)) {
            folder = source.substring(runsPrefix.length());
        } else if (source.contains(storedMarker)) {
            folder = source.substring(source.indexOf(storedMarker) + storedMarker.length());
        }
        if (folder == null) {
            throw new ExperimentException(version.name() + " version " + version.version() + " comes from " + source
                    + ", which is neither a run's artifact path nor a logged model");
        }
        Long runPk = db.read(c -> ExperimentStore.runPk(c, sourceId, runId));
        if (runPk == null) {
            throw new ExperimentException("the run " + runId + " of " + version.name() + " version " + version.version()
                    + " is not cached; sync its source");
        }
        RunLocation run = locate(runPk);
        return new ModelLocation(sourceId, runId, null, run.artifactUri(), ArtifactPaths.check(trimSlashes(folder)));
    }

    /**
     * The artifact root of run {@code runId} of source {@code sourceId}, or empty when that run is
     * not cached (a model version's training run, whose recorded environment sits there).
     */
    public Optional<ModelLocation> runRoot(long sourceId, String runId) throws ExperimentException {
        Long runPk = db.read(c -> ExperimentStore.runPk(c, sourceId, runId));
        return runPk == null ? Optional.empty() : Optional.of(runFolder(runPk, ""));
    }

    /** A folder of a cached run's artifacts as a location ({@code ""} for all of them). */
    public ModelLocation runFolder(long runPk, String folder) throws ExperimentException {
        RunLocation run = locate(runPk);
        return new ModelLocation(run.sourceId(), run.runId(), null, run.artifactUri(), ArtifactPaths.check(folder));
    }

    /**
     * Every file under the location's folder, folders walked (at most {@code limit} files), by
     * path. Paths are relative to the run's or logged model's artifact root and checked like
     * every listed path.
     */
    public List<ArtifactEntry> files(ModelLocation location, int limit) throws ExperimentException {
        ArtifactReader reader = reader(location);
        List<ArtifactEntry> out = new ArrayList<>();
        java.util.ArrayDeque<String> folders = new java.util.ArrayDeque<>(List.of(location.folder()));
        while (!folders.isEmpty()) {
            String folder = folders.pop();
            for (ArtifactEntry entry : checked(folder, relative(folder, reader.list(folder)))) {
                if (entry.directory()) {
                    folders.push(entry.path());
                } else if (out.size() >= limit) {
                    throw new ExperimentException("more than " + limit + " files under " + location.folder());
                } else {
                    out.add(entry);
                }
            }
        }
        if (out.isEmpty() && !location.folder().isEmpty()) {
            // The folder may be a single file (a version registered from one file).
            return List.of(new ArtifactEntry(location.folder(), false, null));
        }
        out.sort(Comparator.comparing(ArtifactEntry::path));
        return out;
    }

    /** The files and folders directly inside the location's folder, paths relative to its artifact root. */
    public List<ArtifactEntry> entries(ModelLocation location) throws ExperimentException {
        String folder = location.folder();
        return checked(folder, relative(folder, reader(location).list(folder)));
    }

    /** The bytes of one file of a location, as a stream the caller closes (and limits). */
    public InputStream openStream(ModelLocation location, String path) throws ExperimentException {
        return reader(location).open(ArtifactPaths.check(path));
    }

    private ArtifactReader reader(ModelLocation location) throws ExperimentException {
        if (location.runId() != null) {
            return reader(new RunLocation(location.sourceId(), location.runId(), location.artifactUri()));
        }
        Source source = sources.find(location.sourceId())
                .orElseThrow(() -> new ExperimentException("the logged model's source is gone"));
        Optional<LocalStoreAddress> local = LocalStoreAddress.ofConfigured(source.config(MlflowConnector.URI_KEY));
        if (local.isEmpty()) {
            return new LoggedModelArtifacts(connector.http(source), location.loggedModelId());
        }
        Path storeFolder = local.get().kind() == LocalStoreAddress.Kind.SQLITE ? local.get().path().getParent()
                : local.get().path();
        return LocalArtifacts.of(location.artifactUri(), storeFolder);
    }

    /** Some servers list a folder's children by name only; make every path relative to the root. */
    private static List<ArtifactEntry> relative(String folder, List<ArtifactEntry> entries) {
        if (folder.isEmpty()) {
            return entries;
        }
        List<ArtifactEntry> out = new ArrayList<>();
        for (ArtifactEntry e : entries) {
            out.add(e.path().startsWith(folder + "/") ? e : new ArtifactEntry(folder + "/" + e.path(), e.directory(), e.size()));
        }
        return out;
    }

    private static String trimSlashes(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** Where a run's artifacts come from; private to the service, read from the cache. */
    private record RunLocation(long sourceId, String runId, String artifactUri) {
    }

    private RunLocation locate(long runPk) throws ExperimentException {
        Optional<RunLocation> found = db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT source_id, run_id, artifact_uri FROM runs WHERE run_pk = ?")) {
                st.setLong(1, runPk);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new RunLocation(rs.getLong(1), rs.getString(2), rs.getString(3)))
                            : Optional.<RunLocation>empty();
                }
            }
        });
        return found.orElseThrow(() -> new ExperimentException("no cached run with key " + runPk));
    }

    private ArtifactReader reader(RunLocation run) throws ExperimentException {
        Source source = sources.find(run.sourceId())
                .orElseThrow(() -> new ExperimentException("the run's source is gone"));
        Optional<LocalStoreAddress> local = LocalStoreAddress.ofConfigured(source.config(MlflowConnector.URI_KEY));
        if (local.isEmpty()) {
            return new ServerArtifacts(connector.http(source), run.runId());
        }
        if (!Files.exists(local.get().path())) {
            // A run's missing artifact folder means "nothing logged"; a missing store means something moved.
            throw new ExperimentException("the MLflow store " + local.get().path() + " is gone");
        }
        Path storeFolder = local.get().kind() == LocalStoreAddress.Kind.SQLITE ? local.get().path().getParent()
                : local.get().path();
        return LocalArtifacts.of(run.artifactUri(), storeFolder);
    }

    /** The entries, if each is a safe path directly inside {@code folder}; a store's word is not trusted. */
    private static List<ArtifactEntry> checked(String folder, List<ArtifactEntry> entries) throws ExperimentException {
        for (ArtifactEntry entry : entries) {
            String path;
            try {
                path = ArtifactPaths.check(entry.path());
            } catch (ExperimentException e) {
                throw new ExperimentException("the store listed an artifact outside the run's folder; "
                        + e.getMessage(), e);
            }
            String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
            if (path.isEmpty() || !parent.equals(folder)) {
                throw new ExperimentException("the store listed " + path + " as inside " + (folder.isEmpty()
                        ? "the artifact root" : folder) + ", which it is not; the listing is refused");
            }
        }
        return entries.stream().sorted(Comparator.comparing(ArtifactEntry::path)).toList();
    }

    private static long size(Path file) throws ExperimentException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ExperimentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
