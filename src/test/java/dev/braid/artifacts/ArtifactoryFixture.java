package dev.braid.artifacts;

import dev.braid.lineage.LineageService;
import dev.braid.pipelines.ci.CiHttp;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.store.Database;
import dev.braid.sync.Secrets;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncCounts;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real cache with the Artifactory services over it, syncing from an {@link ArtifactoryReplay} on
 * 127.0.0.1; waits are recorded, not slept. A model repository and a dataset repository hold the
 * files of a small training project.
 */
public final class ArtifactoryFixture implements AutoCloseable {
    public static final String TOKEN = "cmVmdGtuOjAxOjE3MzQ1Njc4OTA6c2VjcmV0";
    static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
    final Database db;
    final SourceStore sources;
    final ArtifactoryService service;
    final LineageService lineage;
    final Secrets secrets = new Secrets();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final ArtifactoryReplay api;
    final ReplayServer server;
    private final Map<String, String> env;
    private final int pageSize;

    ArtifactoryFixture(Path dir, int pageSize) throws Exception {
        this(dir, pageSize, Map.of("ART_TOKEN", TOKEN, "ART_PASSWORD", "hunter2-api-key"));
    }

    ArtifactoryFixture(Path dir, int pageSize, Map<String, String> env) throws Exception {
        this.db = Database.open(dir.resolve("cache.db"));
        this.sources = new SourceStore(db, Clock.systemUTC());
        this.service = new ArtifactoryService(db, sources);
        this.lineage = new LineageService(db, Clock.systemUTC());
        this.env = env;
        this.pageSize = pageSize;
        this.api = new ArtifactoryReplay(TOKEN, "ci-bot", "hunter2-api-key");
        this.server = ReplayServer.start(api);
        api.base(server.url());
    }

    String url() {
        return server.url() + "/artifactory";
    }

    ArtifactorySyncer syncer() {
        CiHttp.Options options = new CiHttp.Options(Duration.ofSeconds(5), 3, Duration.ofMillis(1), Duration.ofMinutes(10),
                64L * 1024 * 1024, (d, stop) -> waits.add(d), Clock.systemUTC(), dev.braid.pipelines.ci.PageGuard.MAX_PAGES);
        return new ArtifactorySyncer(db, sources, env, secrets, options, pageSize);
    }

    SyncCounts sync(Source source) throws Exception {
        return syncer().sync(sources.find(source.id()).orElseThrow(), TestContexts.quiet());
    }

    /** Syncs, then derives the source's lineage, as the app does after every sync. */
    SyncCounts syncWithLineage(Source source) throws Exception {
        SyncCounts counts = sync(source);
        lineage.rebuildArtifactory(sources.find(source.id()).orElseThrow());
        return counts;
    }

    /** A model repository with a promoted model, a dataset repository, and one build of each of two runs. */
    void project() {
        project(api);
    }

    /** Fills {@code api} with the project's repositories, files and builds. */
    public static void project(ArtifactoryReplay api) {
        api.repository("ml-models-local", "LOCAL", "MachineLearning");
        api.repository("datasets-local", "LOCAL", "Generic");
        api.repository("pypi-remote", "REMOTE", "PyPI");
        api.file("datasets-local", "fraud/train.csv", 1200, T0, sha("train"), sha1("train"), md5("train"));
        api.file("ml-models-local", "fraud/1/model.onnx", 5000, T0.plusSeconds(60), sha("model-1"), sha1("model-1"),
                md5("model-1")).property("stage", "staging").property("build.name", "train-fraud").property("build.number", "1");
        api.file("ml-models-local", "fraud/2/model.onnx", 5100, T0.plusSeconds(120), sha("model-2"), sha1("model-2"),
                md5("model-2")).property("stage", "production");
        api.file("ml-models-local", "fraud/2/requirements.txt", 80, T0.plusSeconds(120), sha("req"), sha1("req"), md5("req"));
        api.file("ml-models-local", "fraud/README.md", 30, T0.plusSeconds(180), sha("readme"), sha1("readme"), md5("readme"));
        api.file("ml-models-local", "churn/model.pkl", 900, T0.plusSeconds(240), sha("churn"), sha1("churn"), md5("churn"));
        api.file("ml-models-local", "churn/notes with space.txt", 9, T0.plusSeconds(300), sha("notes"), sha1("notes"), md5("notes"));
        api.build("train-fraud", "1", "2026-11-01T10:00:00.000+0100", "1111111111111111111111111111111111111111",
                "https://github.com/acme/fraud.git", List.<String[]>of(row("model.onnx", "model-1")),
                List.<String[]>of(row("data/train.csv", "train")));
        api.build("train-fraud", "2", "2026-11-01T11:00:00.000+0100", "2222222222222222222222222222222222222222",
                "https://github.com/acme/fraud.git", List.<String[]>of(row("model.onnx", "model-2")),
                List.<String[]>of(row("data/train.csv", "train"), row("numpy-2.1.0.whl", "numpy")));
    }

    static String[] row(String name, String seed) {
        return new String[] {name, sha(seed), sha1(seed), md5(seed)};
    }

    public static String sha(String seed) {
        return hex("SHA-256", seed);
    }

    static String sha1(String seed) {
        return hex("SHA-1", seed);
    }

    static String md5(String seed) {
        return hex("MD5", seed);
    }

    private static String hex(String algorithm, String seed) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm)
                    .digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String cursor(Source source) {
        return db.read(c -> sources.cursor(c, source.id()));
    }

    /** Every Artifactory row and the source's cursor, in a stable order. */
    List<String> snapshot(Source source) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            out.add("cursor " + sources.cursor(c, source.id()));
            try (Statement st = c.createStatement()) {
                for (String sql : List.of("SELECT * FROM artifactory_repos ORDER BY 1, 2",
                        "SELECT * FROM artifactory_files ORDER BY 1, 2, 3",
                        "SELECT * FROM artifactory_builds ORDER BY 1, 2, 3",
                        "SELECT * FROM artifactory_build_items ORDER BY 1, 2, 3, 4")) {
                    try (ResultSet rs = st.executeQuery(sql)) {
                        int n = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int i = 1; i <= n; i++) {
                                row.append(rs.getString(i)).append('|');
                            }
                            out.add(row.toString());
                        }
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        server.close();
        db.close();
    }
}
