package dev.braid.artifacts;

import static dev.braid.pipelines.replay.ReplayServer.pathContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.sync.Source;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactorySyncTest {
    @TempDir
    Path tmp;
    private ArtifactoryFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new ArtifactoryFixture(tmp, 2);
        fx.project();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private Source add(List<String> repos) throws ArtifactoryException {
        return fx.service.add(fx.url(), repos, "ART_TOKEN", null, null, "jfrog");
    }

    private long aqlRequests(String repo) {
        return fx.server.count(r -> r.path().endsWith("/api/search/aql") && r.body().contains("\"" + repo + "\""));
    }

    @Test
    void theFirstSyncPagesThroughAqlAndCachesChecksumsPropertiesAndBuilds() throws Exception {
        Source source = add(List.of());

        SyncCounts counts = fx.sync(source);

        assertEquals(6 + 1 + 2, counts.added(), "six model files, one dataset file, two builds");
        // Every local repository (the remote one is left out); 6 files at 2 a page is 4 pages (the last one empty).
        assertEquals(4, aqlRequests("ml-models-local"));
        assertEquals(1, aqlRequests("datasets-local"));
        assertEquals(0, aqlRequests("pypi-remote"));
        assertTrue(fx.server.requests().stream().filter(r -> r.path().endsWith("/api/search/aql"))
                .allMatch(r -> r.body().contains(".limit(2)") && "text/plain".equals(r.header("Content-Type"))
                        && ("Bearer " + ArtifactoryFixture.TOKEN).equals(r.header("Authorization"))));
        List<ArtifactoryFile> files = fx.service.files(source);
        assertEquals(7, files.size());
        ArtifactoryFile model = files.stream().filter(f -> f.path().equals("fraud/1/model.onnx")).findFirst().orElseThrow();
        assertEquals("ml-models-local", model.repo());
        assertEquals(ArtifactoryFixture.sha("model-1"), model.sha256());
        assertEquals(ArtifactoryFixture.sha1("model-1"), model.sha1());
        assertEquals(ArtifactoryFixture.md5("model-1"), model.md5());
        assertEquals(5000L, model.size());
        assertEquals(List.of("staging"), model.properties().get("stage"));
        assertEquals(List.of("train-fraud"), model.properties().get("build.name"));
        assertTrue(files.stream().anyMatch(f -> f.path().equals("churn/notes with space.txt")));

        List<ArtifactoryBuild> builds = fx.service.builds(source);
        assertEquals(List.of("2", "1"), builds.stream().map(ArtifactoryBuild::number).toList(), "newest first");
        ArtifactoryBuild second = builds.get(0);
        assertEquals("2222222222222222222222222222222222222222", second.vcsRevision());
        assertEquals("https://github.com/acme/fraud.git", second.vcsUrl());
        assertEquals("main", second.vcsBranch());
        assertEquals("GitHub Actions", second.agent());
        assertEquals(java.time.Instant.parse("2026-11-01T10:00:00Z").toEpochMilli(), second.startedMs());
        assertEquals(List.of("artifact:model.onnx", "dependency:data/train.csv", "dependency:numpy-2.1.0.whl"),
                second.items().stream().map(i -> i.role() + ":" + i.name()).toList());
        assertEquals(ArtifactoryFixture.md5("numpy"), second.items().get(2).md5());
        assertEquals(List.of(), fx.waits);
    }

    @Test
    void laterSyncsAskOnlyForWhatChangedAndNoticeDeletionsAndNewBuilds() throws Exception {
        Source source = add(List.of("ml-models-local"));
        fx.sync(source);
        fx.server.clearRequests();
        List<String> before = fx.snapshot(source);

        SyncCounts nothing = fx.sync(source);

        assertEquals(new SyncCounts(0, 0, 0), nothing);
        assertEquals(before, fx.snapshot(source));
        String newest = ArtifactoryReplay.time(ArtifactoryFixture.T0.plusSeconds(300));
        assertTrue(fx.server.requests().stream().filter(r -> r.path().endsWith("/api/search/aql"))
                .allMatch(r -> r.body().contains("{\"modified\":{\"$gte\":\"" + newest + "\"}}")),
                "only files modified since the newest one seen");
        assertEquals(0, fx.server.count(pathContains("/api/build/train-fraud")), "no build started since the last sync");

        // A promotion (a property and the time change), a new file, a deleted file and a new build run.
        ArtifactoryReplay.Item promoted = fx.api.items.stream().filter(i -> i.path.equals("fraud/1/model.onnx")).findFirst()
                .orElseThrow();
        promoted.property("stage", "production");
        promoted.modified = ArtifactoryFixture.T0.plusSeconds(400);
        fx.api.file("ml-models-local", "fraud/3/model.onnx", 5200, ArtifactoryFixture.T0.plusSeconds(500),
                ArtifactoryFixture.sha("model-3"), ArtifactoryFixture.sha1("model-3"), ArtifactoryFixture.md5("model-3"));
        fx.api.items.removeIf(i -> i.path.equals("fraud/README.md"));
        fx.api.build("train-fraud", "3", "2026-11-01T12:00:00.000+0100", "3333333333333333333333333333333333333333",
                "https://github.com/acme/fraud.git", List.<String[]>of(ArtifactoryFixture.row("model.onnx", "model-3")), List.of());
        fx.server.clearRequests();

        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(2, 1, 1), counts, "a new file and a new build; the promoted file; the deleted file");
        assertEquals(1, fx.server.count(r -> r.path().endsWith("/api/build/train-fraud/3")));
        assertEquals(0, fx.server.count(r -> r.path().endsWith("/api/build/train-fraud/1")
                || r.path().endsWith("/api/build/train-fraud/2")), "cached runs are not fetched again");
        List<ArtifactoryFile> files = fx.service.files(source);
        assertFalse(files.stream().anyMatch(f -> f.path().equals("fraud/README.md")));
        assertEquals(List.of("production"), files.stream().filter(f -> f.path().equals("fraud/1/model.onnx")).findFirst()
                .orElseThrow().properties().get("stage"));
        assertEquals(3, fx.service.builds(source).size());
    }

    @Test
    void rateLimitsAreWaitedForAndServerErrorsRetried() throws Exception {
        Source source = add(List.of("ml-models-local"));
        fx.server.fail(pathContains("/api/search/aql"), 1,
                ArtifactoryReplay.error(429, "Too Many Requests").with("Retry-After", "7"));
        fx.server.fail(pathContains("/api/build/train-fraud/2"), 2, ArtifactoryReplay.error(503, "Service Unavailable"));

        SyncCounts counts = fx.sync(source);

        assertEquals(8, counts.added());
        assertEquals(List.of(Duration.ofSeconds(7)), fx.waits.stream().filter(d -> d.toSeconds() == 7).toList());
        assertEquals(3, fx.server.count(r -> r.path().endsWith("/api/build/train-fraud/2")));
    }

    @Test
    void aFailedSyncLeavesTheCacheAsItWas() throws Exception {
        Source source = add(List.of("ml-models-local"));
        fx.sync(source);
        List<String> before = fx.snapshot(source);
        // Changes on the server, then a build-info that keeps failing after the files were read.
        fx.api.file("ml-models-local", "fraud/4/model.onnx", 1, ArtifactoryFixture.T0.plusSeconds(900),
                ArtifactoryFixture.sha("m4"), ArtifactoryFixture.sha1("m4"), ArtifactoryFixture.md5("m4"));
        fx.api.items.removeIf(i -> i.path.equals("churn/model.pkl"));
        fx.api.build("train-fraud", "9", "2026-11-02T12:00:00.000+0100", "9999999999999999999999999999999999999999",
                "https://github.com/acme/fraud.git", List.of(), List.of());
        fx.server.fail(pathContains("/api/build/train-fraud/9"), 10, ArtifactoryReplay.error(500, "Internal Server Error"));

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(source));

        assertTrue(failure.isTransient());
        assertTrue(failure.getMessage().contains("HTTP 500"), failure.getMessage());
        assertEquals(before, fx.snapshot(source), "nothing of the failed sync was written, the cursor included");

        // A page of AQL that breaks off part-way fails the same way.
        fx.server.truncate(pathContains("/api/search/aql"), 10);
        assertThrows(SyncFailure.class, () -> fx.sync(source));
        assertEquals(before, fx.snapshot(source));
    }

    @Test
    void badCredentialsAreNamedWithoutTheirValue() throws Exception {
        Source source = fx.service.add(fx.url(), List.of(), "WRONG_TOKEN", null, null, "jfrog");
        ArtifactorySyncer syncer = new ArtifactorySyncer(fx.db, fx.sources, Map.of("WRONG_TOKEN", "not-the-token-123"),
                fx.secrets, fixtureOptions(), 2);
        SyncFailure failure = assertThrows(SyncFailure.class, () -> syncer.sync(source, dev.braid.testing.TestContexts.quiet()));
        assertFalse(failure.isTransient());
        assertTrue(failure.getMessage().contains("401") && failure.getMessage().contains("$WRONG_TOKEN")
                && failure.getMessage().contains("Bad credentials"), failure.getMessage());
        assertFalse(failure.getMessage().contains("not-the-token-123"));
        assertEquals("***", fx.secrets.mask("not-the-token-123"), "the token is registered as a secret");

        Source unset = fx.service.add(fx.url(), List.of(), "UNSET_TOKEN", null, null, "jfrog-unset");
        SyncFailure missing = assertThrows(SyncFailure.class, () -> fx.sync(unset));
        assertTrue(missing.getMessage().contains("UNSET_TOKEN") && missing.getMessage().contains("not set"), missing.getMessage());
    }

    @Test
    void aUserWithAnApiKeySignsInWithBasicAuthAndATokenWithoutRightsIsRefused() throws Exception {
        Source basic = fx.service.add(fx.url(), List.of("datasets-local"), null, "ci-bot", "ART_PASSWORD", "jfrog-basic");
        assertEquals(1 + 2, fx.sync(basic).added());
        assertTrue(fx.server.requests().stream().allMatch(r -> r.header("Authorization").startsWith("Basic ")));

        ArtifactorySyncer readOnly = new ArtifactorySyncer(fx.db, fx.sources, Map.of("RO", fx.api.readOnlyToken()),
                fx.secrets, fixtureOptions(), 2);
        Source limited = fx.service.add(fx.url(), List.of("datasets-local"), "RO", null, null, "jfrog-ro");
        SyncFailure refused = assertThrows(SyncFailure.class, () -> readOnly.sync(limited, dev.braid.testing.TestContexts.quiet()));
        assertTrue(refused.getMessage().contains("HTTP 403") && refused.getMessage().contains("lack permission"),
                refused.getMessage());
        assertEquals(List.of(), fx.service.files(limited), "nothing stored for the refused source");
    }

    @Test
    void aRepositoryArtifactoryDoesNotListIsAClearErrorAndBadSettingsAreRefused() throws Exception {
        Source source = add(List.of("no-such-repo"));
        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(source));
        assertTrue(failure.getMessage().contains("no repository no-such-repo")
                && failure.getMessage().contains("ml-models-local"), failure.getMessage());

        assertThrows(ArtifactoryException.class, () -> fx.service.add("ftp://x/artifactory", List.of(), "T", null, null, null));
        assertThrows(ArtifactoryException.class, () -> fx.service.add(fx.url(), List.of("bad key!"), "T", null, null, null));
        assertThrows(ArtifactoryException.class, () -> fx.service.add(fx.url(), List.of(), "T", "u", "P", null));
        assertThrows(ArtifactoryException.class, () -> fx.service.add(fx.url(), List.of(), null, null, "P", null));
        assertThrows(ArtifactoryException.class, () -> fx.service.add(fx.url(), List.of(), "T", null, null, "jfrog"));
        Source defaults = fx.service.add(fx.url() + "/", List.of("a,b", "b"), "T", null, null, null);
        assertEquals("127.0.0.1", defaults.name());
        assertEquals("a,b", defaults.config("repos"));
        assertEquals(fx.url(), defaults.config("url"));
    }

    @Test
    void anArtifactoryWithoutBuildsAnswers404AndThatIsNoBuilds() throws Exception {
        fx.api.builds.clear();
        Source source = add(List.of("datasets-local"));
        assertEquals(1, fx.sync(source).added());
        assertEquals(List.of(), fx.service.builds(source));
    }

    private dev.braid.pipelines.ci.CiHttp.Options fixtureOptions() {
        return new dev.braid.pipelines.ci.CiHttp.Options(Duration.ofSeconds(5), 3, Duration.ofMillis(1),
                Duration.ofMinutes(10), 64L * 1024 * 1024, (d, stop) -> fx.waits.add(d), java.time.Clock.systemUTC(),
                dev.braid.pipelines.ci.PageGuard.MAX_PAGES);
    }
}
