package dev.braid.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.features.feast.ViewField;
import dev.braid.features.git.FeatureRepoScanner;
import dev.braid.lineage.LineageService;
import dev.braid.sync.Source;
import dev.braid.sync.SyncCounts;
import dev.braid.testing.FeastHarness;
import dev.braid.testing.SharedServices;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Feast, four commits of a feature repository applied one after the other, and after each
 * apply three caches synced: one from the registry server only, one from the registry file only,
 * one from both. Both sources must give the same catalogue and versions, and the versions must be
 * the ones Feast itself lists.
 */
@ExtendWith(SharedServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeastRegistrySyncTest {
    private static final String PROJECT = "fraud_sync";
    private static final List<String> VIEWS = List.of("amount_per_tx", "customer_stats", "merchant_risk");
    private FeastHarness feast;
    private FraudFeatureRepo repo;
    private FeatureCache restOnly;
    private FeatureCache fileOnly;
    private FeatureCache both;
    private Source rest;
    private Source file;
    private Source bothRest;
    private Source bothFile;
    private final List<SyncCounts> restCounts = new ArrayList<>();
    private final List<String> commits = new ArrayList<>();

    @BeforeAll
    void start(SharedServices.Registry services, @TempDir Path tmp) throws Exception {
        feast = services.get("feast", FeastHarness.class, FeastHarness::start);
        repo = new FraudFeatureRepo(feast.newRepo(PROJECT));
        repo.prepare();
        restOnly = new FeatureCache(tmp.resolve("rest.db"));
        fileOnly = new FeatureCache(tmp.resolve("file.db"));
        both = new FeatureCache(tmp.resolve("both.db"));
        rest = restOnly.catalogue.addRegistry(feast.url(), "server", PROJECT, null);
        file = fileOnly.catalogue.addRegistry(feast.registry().toString(), "file", PROJECT, null);
        bothRest = both.catalogue.addRegistry(feast.url(), "server", PROJECT, null);
        bothFile = both.catalogue.addRegistry(feast.registry().toString(), "file", PROJECT, null);
    }

    @AfterAll
    void close() {
        for (FeatureCache cache : new FeatureCache[] {restOnly, fileOnly, both}) {
            if (cache != null) {
                cache.close();
            }
        }
    }

    @Test
    @Order(1)
    void eachApplyGivesTheSameCatalogueFromTheServerAndFromTheFile() throws Exception {
        for (int step = 1; step <= FraudFeatureRepo.STEPS; step++) {
            commits.add(repo.step(step));
            feast.refresh();
            restCounts.add(restOnly.sync(rest));
            fileOnly.sync(file);
            both.sync(bothRest);
            both.sync(bothFile);
            Map<String, String> fromServer = catalogue(restOnly, "server");
            Map<String, String> fromFile = catalogue(fileOnly, "file");
            assertEquals(VIEWS, List.copyOf(fromServer.keySet()), "views after step " + step);
            assertEquals(fromFile, fromServer, "server and file after step " + step);
            assertEquals(fromFile, catalogue(both, "server"), "the server's listing in the shared cache, step " + step);
            assertEquals(fromFile, catalogue(both, "file"), "the file's listing in the shared cache, step " + step);
        }
        assertEquals(0, restCounts.get(0).changed() + restCounts.get(0).removed(), "the first sync only adds");
        assertTrue(restCounts.get(0).added() > 0);
    }

    @Test
    @Order(2)
    void theVersionsAreTheOnesFeastLists() throws Exception {
        for (String view : VIEWS) {
            List<String> feastVersions = repo.repo().listVersions(view).stream().map(r -> r.get("version")).toList();
            assertTrue(feastVersions.size() >= 2, view + " changed at least once: " + feastVersions);
            assertEquals(feastVersions, labels(fileOnly, view), "file: " + view);
            assertEquals(feastVersions, labels(restOnly, view), "server: " + view);
            assertEquals(feastVersions, labels(both, view), "both: " + view);
        }
        assertEquals(List.of("v0", "v1", "v2"), labels(fileOnly, "customer_stats"));
        assertEquals(List.of("v0", "v1"), labels(fileOnly, "merchant_risk"));
    }

    @Test
    @Order(3)
    void aTtlChangeFeastAppliesInPlaceKeepsTheVersionOnTheServerToo() throws Exception {
        // Step 3 changed customer_stats' TTL only: Feast kept v1 and reset the number it reports.
        FeatureViewDetail fromServer = restOnly.catalogue.view("customer_stats");
        assertEquals("v2", fromServer.currentVersion());
        assertEquals(List.of("v0", "v1", "v2"), fromServer.versions().stream().map(FeatureViewVersion::version).toList());
    }

    @Test
    @Order(4)
    void diffsShowFieldsTtlAndTags() throws Exception {
        for (FeatureCache cache : List.of(fileOnly, restOnly)) {
            VersionDiff diff = cache.catalogue.diff("customer_stats", "v0", "v2");
            assertEquals(List.of("max_amount"), diff.added().stream().map(ViewField::name).toList());
            assertEquals(List.of("tx_count"), diff.removed().stream().map(ViewField::name).toList());
            assertTrue(diff.changes().contains(new VersionDiff.Change("ttl", "1d", "7d")), diff.changes().toString());
            assertTrue(diff.changes().contains(new VersionDiff.Change("tags", "team=risk", "team=fraud")),
                    diff.changes().toString());
            VersionDiff retyped = cache.catalogue.diff("merchant_risk", "v0", "v1");
            assertEquals(List.of(new VersionDiff.Retyped("risk_score", "Float32", "Float64")), retyped.retyped());
        }
    }

    @Test
    @Order(5)
    void featureServicesKeepTheirPins() throws Exception {
        for (FeatureCache cache : List.of(fileOnly, restOnly)) {
            List<ServingService> servedBy = cache.catalogue.view("customer_stats").servedBy();
            Map<String, Integer> pins = new TreeMap<>();
            servedBy.forEach(s -> pins.put(s.name(), s.pinnedVersion()));
            Map<String, Integer> expected = new TreeMap<>();
            expected.put("fraud_model", null);
            expected.put("fraud_model_pinned", 0);
            assertEquals(expected, pins);
        }
    }

    @Test
    @Order(6)
    void anUnchangedRegistryChangesNothing() throws Exception {
        assertEquals(SyncCounts.NONE, restOnly.sync(rest));
        assertEquals(SyncCounts.NONE, fileOnly.sync(file));
    }

    @Test
    @Order(7)
    void eachVersionKnowsTheCommitThatIntroducedIt() throws Exception {
        Source git = both.db.write(c -> both.sources.insert(c, "git", "fraud-repo", Map.of("path", repo.repo().dir().toString())));
        FeatureLinks links = new FeatureLinks(both.db, new LineageService(both.db, Clock.systemUTC()), Clock.systemUTC());
        try (Repository r = new FileRepositoryBuilder().setGitDir(repo.repo().dir().resolve(".git").toFile()).build()) {
            new FeatureRepoScanner(both.db, links::rebuild).indexed(git, r, repo.repo().dir().toString(), Set.of(), dev.braid.testing.TestContexts.quiet());
        }
        FeatureViewDetail stats = both.catalogue.view("customer_stats");
        assertEquals(commits.get(0), introduced(stats, "v0"));
        assertEquals(commits.get(1), introduced(stats, "v1"));
        assertEquals(List.of(commits.get(2)), changed(stats, "v1"), "the TTL change Feast applied in place");
        assertEquals(commits.get(3), introduced(stats, "v2"));
        FeatureViewDetail risk = both.catalogue.view("merchant_risk");
        assertEquals(commits.get(0), introduced(risk, "v0"));
        assertEquals(commits.get(2), introduced(risk, "v1"));
        FeatureViewDetail ratio = both.catalogue.view("amount_per_tx");
        assertEquals(commits.get(0), introduced(ratio, "v0"));
        for (FeatureViewVersion v : ratio.versions()) {
            assertTrue(introduced(ratio, v.version()) != null, "amount_per_tx " + v.version() + " has its commit");
        }
        assertEquals("Ada Lovelace", stats.versions().get(0).commits().get(0).author());
        assertEquals(FraudFeatureRepo.subject(1), stats.versions().get(0).commits().get(0).subject());
    }

    private static String introduced(FeatureViewDetail view, String version) throws FeatureException {
        return FeatureCatalogService.version(view, version).commits().stream().filter(c -> c.role().equals("introduced"))
                .map(VersionCommit::sha).findFirst().orElse(null);
    }

    private static List<String> changed(FeatureViewDetail view, String version) throws FeatureException {
        return FeatureCatalogService.version(view, version).commits().stream().filter(c -> c.role().equals("changed"))
                .map(VersionCommit::sha).toList();
    }

    /** Per view of the source: kind, current version, entities, fields with types, source. */
    private static Map<String, String> catalogue(FeatureCache cache, String source) {
        Map<String, String> out = new TreeMap<>();
        for (FeatureViewListing l : cache.catalogue.listings(new ViewFilter(source, PROJECT, null, false))) {
            out.put(l.name(), l.kind() + " " + l.version() + " " + l.entities() + " "
                    + l.fields().stream().map(f -> f.name() + ":" + f.type()).toList() + " " + l.sourceName());
        }
        return out;
    }

    private static List<String> labels(FeatureCache cache, String view) throws FeatureException {
        return cache.catalogue.view(view).versions().stream().map(FeatureViewVersion::version).toList();
    }
}
