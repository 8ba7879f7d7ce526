package dev.braid.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.pipelines.ci.CiHttp;
import dev.braid.pipelines.ci.CiSources;
import dev.braid.pipelines.ci.PageGuard;
import dev.braid.pipelines.orchestrators.OrchestratorFixture;
import dev.braid.pipelines.orchestrators.OrchestratorSources;
import dev.braid.pipelines.replay.AirflowHistory;
import dev.braid.pipelines.replay.AirflowReplay;
import dev.braid.pipelines.replay.CiHistory;
import dev.braid.pipelines.replay.CircleCiReplay;
import dev.braid.pipelines.replay.GitHubReplay;
import dev.braid.pipelines.replay.GitLabReplay;
import dev.braid.pipelines.replay.JenkinsReplay;
import dev.braid.pipelines.replay.KubeflowReplay;
import dev.braid.pipelines.replay.OpenApiContract;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.pipelines.replay.ReplayServer.Reply;
import dev.braid.pipelines.replay.ReplayServer.Request;
import dev.braid.sync.Source;
import dev.braid.sync.SyncFailure;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two limits every CI and orchestrator source reads under ({@code CiHttp}): the pages one
 * listing may take and the size of one answer. Each kind's replay is turned into a server that
 * never stops paging (every page names a new next page, the way each API names one) or that
 * answers the listing with far more than the cap; the sync must stop with a clear message and
 * leave the cache as it was. The page limit is 20,000 in use, so these syncs run with 5: the
 * same guard, seen in seconds.
 */
class RemoteLimitsTest {
    private static final int PAGES = 5;
    private static final long BODY_CAP = 2L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    private ReplayServer server;
    private OrchestratorFixture fx;

    /** One source kind: its replay, how it is added, which requests list runs, and how such a request is answered endlessly. */
    enum Kind {
        GITLAB, GITHUB, JENKINS, CIRCLECI, AIRFLOW, KUBEFLOW
    }

    private final AtomicInteger fresh = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void theLimitsInUseAreTwentyThousandPagesAndSixtyFourMegabytes() {
        Clock clock = Clock.systemUTC();
        assertEquals(20_000, PageGuard.MAX_PAGES);
        for (CiHttp.Options options : List.of(CiHttp.Options.standard(clock), new CiSources(Map.of(), clock).options(),
                new OrchestratorSources(Map.of(), clock).options(),
                CiSources.forTests(Map.of(), clock, Duration.ofSeconds(1), (d, s) -> { }, Duration.ofSeconds(1)).options(),
                OrchestratorSources.forTests(Map.of(), clock, Duration.ofSeconds(1), (d, s) -> { }).options())) {
            assertEquals(20_000, options.maxPages());
            assertEquals(64L * 1024 * 1024, options.bodyCap());
        }
        // A source's own timeout setting changes the timeout only, never the limits.
        CiHttp.Options slow = CiHttp.Options.standard(clock).withTimeout(Duration.ofSeconds(90));
        assertEquals(20_000, slow.maxPages());
        assertEquals(64L * 1024 * 1024, slow.bodyCap());
        assertThrows(IllegalArgumentException.class, () -> new PageGuard("runs", 0));
    }

    @Test
    void aGuardReadsExactlyItsLimitAndRefusesTheNextPageBeforeItIsAskedFor() throws Exception {
        PageGuard guard = new PageGuard("runs of acme", 3);
        guard.next("p1");
        guard.next("p2");
        guard.next("p3");

        PipelineException refused = assertThrows(PipelineException.class, () -> guard.next("p4"));

        assertFalse(refused.isTransient());
        assertTrue(refused.getMessage().contains("runs of acme after 3 pages"), refused.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aServerThatNeverStopsPagingIsStoppedAtTheLimitAndTheCacheKept(Kind kind) throws Exception {
        Source source = start(kind, Long.MAX_VALUE);
        fx.sync(source);
        List<String> before = fx.snapshot();
        String cursor = fx.cursor(source);
        ReplayServer.Api replay = api;
        server.api(endless(kind, replay));
        server.clearRequests();

        // A full reconciliation lists everything: the listing the endless pages would keep going.
        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(source, Map.of("reconcile_every_ms", "0")));

        assertFalse(failure.isTransient(), "asking again would page without end again");
        assertTrue(failure.getMessage().contains("after " + PAGES + " pages") && failure.getMessage().contains("paging without end"),
                failure.getMessage());
        long listed = server.count(listing(kind));
        assertTrue(listed >= PAGES && listed <= PAGES + 1, kind + " asked for " + listed + " listing pages");
        assertEquals(withoutStaged(before), withoutStaged(fx.snapshot()), "no run or job changed");
        assertEquals(cursor, fx.cursor(source), "the cursor did not move");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aListingAnswerFarPastTheCapIsRefusedWhileItStreamsAndTheCacheKept(Kind kind) throws Exception {
        assertRefusedTooLarge(kind, true);
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"GITLAB", "KUBEFLOW"})
    void aListingAnswerThatAnnouncesMoreThanTheCapIsRefusedBeforeItIsRead(Kind kind) throws Exception {
        assertRefusedTooLarge(kind, false);
    }

    @Test
    void anAirflowLoginAnswerPastItsCapIsRefused() throws Exception {
        Source source = start(Kind.AIRFLOW, Long.MAX_VALUE);
        server.fail(r -> r.path().endsWith("/auth/token"), 1,
                Reply.json(200, "{\"access_token\": \"" + "a".repeat(3 * 1024 * 1024) + "\"}"));
        server.chunked(r -> r.path().endsWith("/auth/token"));

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(source));

        assertTrue(failure.getMessage().contains("POST /auth/token sent more than 1 MB"), failure.getMessage());
        assertEquals(List.of("staged 0"), fx.snapshot(), "nothing was stored");
    }

    @Test
    void aLogPastItsCapKeepsOnlyItsEndAndSaysSo() throws Exception {
        Source source = start(Kind.GITLAB, Long.MAX_VALUE);
        fx.sync(source);
        CiHistory.Run run = ciHistory.runs().get(3);
        CiHistory.Job job = run.jobs.get(0);
        fx.service.setLogCap(4096);
        String end = "\nERROR: the last line, where the failure is\n";
        server.fail(r -> r.path().endsWith("/jobs/" + job.id + "/trace"), 1, Reply.text(200, "x".repeat(3_000_000) + end));
        server.chunked(r -> r.path().endsWith("/trace"));

        JobLog log = fx.service.log(source.name(), Long.toString(run.id), Long.toString(job.id), false);

        assertTrue(log.truncated(), "the log says its beginning was dropped");
        assertTrue(log.text().endsWith(end), "its end is kept");
        assertTrue(log.text().length() <= 4096, "no more than the cap: " + log.text().length());
        assertTrue(fx.service.cachedLogBytes() <= 4096, "the cache holds no more than the cap");
    }

    private void assertRefusedTooLarge(Kind kind, boolean chunked) throws Exception {
        Source source = start(kind, BODY_CAP);
        fx.sync(source);
        List<String> before = fx.snapshot();
        String cursor = fx.cursor(source);
        ReplayServer.Api replay = api;
        Predicate<Request> listing = listing(kind);
        // Valid JSON, every byte of it: the listing's own answer followed by three megabytes of spaces.
        server.api(wrap(replay, r -> {
            Reply reply = replay.answer(r);
            if (!listing.test(r)) {
                return reply;
            }
            byte[] padded = Arrays.copyOf(reply.body(), reply.body().length + 3 * 1024 * 1024);
            Arrays.fill(padded, reply.body().length, padded.length, (byte) ' ');
            return new Reply(reply.status(), reply.headers(), padded);
        }));
        if (chunked) {
            server.chunked(listing);
        }

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(source, Map.of("reconcile_every_ms", "0")));

        assertFalse(failure.isTransient(), "asking again would get the same answer");
        assertTrue(failure.getMessage().contains("with more than Braid reads") && failure.getMessage().contains("2 MB"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains(chunked ? "grew past" : "announced 3 MB"), failure.getMessage());
        assertEquals(withoutStaged(before), withoutStaged(fx.snapshot()), "no run or job changed");
        assertEquals(cursor, fx.cursor(source), "the cursor did not move");
    }

    private ReplayServer.Api api;
    private CiHistory ciHistory;

    /** Starts {@code kind}'s replay and a cache whose sources read under {@link #PAGES} and {@code bodyCap}. */
    private Source start(Kind kind, long bodyCap) throws Exception {
        long cap = bodyCap == Long.MAX_VALUE ? CiHttp.Options.STANDARD_BODY_CAP : bodyCap;
        ciHistory = CiHistory.generate(kind == Kind.JENKINS ? 250 : 60, 3, 5);
        switch (kind) {
            case GITLAB -> {
                GitLabReplay replay = new GitLabReplay(ciHistory, "acme/churn", "gl-token");
                open(replay, Map.of("T", "gl-token"), cap);
                replay.base(server.url());
                return fx.service.addGitLab(server.url(), "acme/churn", "T", false, null);
            }
            case GITHUB -> {
                GitHubReplay replay = new GitHubReplay(ciHistory, "acme/churn", "gh-token");
                open(replay, Map.of("T", "gh-token"), cap);
                replay.base(server.url());
                return fx.service.addGitHub("acme/churn", server.url(), "T", null);
            }
            case JENKINS -> {
                JenkinsReplay replay = new JenkinsReplay(ciHistory, "ci-bot", "jk-token");
                open(replay, Map.of("T", "jk-token"), cap);
                replay.base(server.url());
                return fx.service.addJenkins(server.url(), "acme", "ci-bot", "T", null);
            }
            case CIRCLECI -> {
                CircleCiReplay replay = new CircleCiReplay(ciHistory, "gh/acme/churn", "cc-token");
                open(replay, Map.of("T", "cc-token"), cap);
                replay.base(server.url());
                return fx.service.addCircleCi("gh/acme/churn", server.url(), "T", null);
            }
            case AIRFLOW -> {
                open(new AirflowReplay(AirflowHistory.generate(40, 5, 5), true, "af-password"), Map.of("T", "af-password"), cap);
                return fx.service.addAirflow(server.url(), AirflowReplay.USER, "T", null, null);
            }
            case KUBEFLOW -> {
                open(new KubeflowReplay(60, 5, "kf-token"), Map.of("T", "kf-token"), cap);
                return fx.service.addKubeflow(server.url(), "T", null);
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    private void open(ReplayServer.Api replay, Map<String, String> env, long bodyCap) throws Exception {
        api = replay;
        server = ReplayServer.start(replay);
        fx = new OrchestratorFixture(tmp, env, Duration.ofSeconds(10), PAGES, bodyCap);
    }

    /** The requests that list runs (the pages a listing walks) of {@code kind}. */
    private static Predicate<Request> listing(Kind kind) {
        return switch (kind) {
            case GITLAB -> r -> r.path().endsWith("/pipelines");
            case GITHUB -> r -> r.path().endsWith("/actions/runs");
            case JENKINS -> r -> r.param("tree") != null && r.param("tree").startsWith("allBuilds");
            case CIRCLECI -> r -> r.path().endsWith("/pipeline");
            case AIRFLOW -> r -> r.path().endsWith("/dags/~/dagRuns");
            case KUBEFLOW -> r -> r.path().endsWith("/apis/v2beta1/runs");
        };
    }

    /**
     * {@code replay}, except that every listing page names a next page it has not named before,
     * in the way {@code kind}'s API names one: a header, a link, a token or cursor in the body, or
     * (Jenkins) a full page, after which a client asks for the next range.
     */
    private ReplayServer.Api endless(Kind kind, ReplayServer.Api replay) {
        Predicate<Request> listing = listing(kind);
        return wrap(replay, r -> {
            if (!listing.test(r)) {
                return replay.answer(r);
            }
            String next = "endless-" + fresh.incrementAndGet();
            return switch (kind) {
                case GITLAB -> replay.answer(r).with("X-Next-Page", Integer.toString(r.intParam("page", 1) + 1));
                case GITHUB -> {
                    Map<String, String> query = new LinkedHashMap<>(r.query());
                    query.put("page", Integer.toString(r.intParam("page", 1) + 1));
                    yield replay.answer(r).with("Link", "<" + server.url() + r.path() + "?" + encode(query) + ">; rel=\"next\"");
                }
                // Every range is answered with the newest hundred builds: always a full page.
                case JENKINS -> replay.answer(withParam(r, "tree", r.param("tree").replaceAll("\\{\\d+,\\d+}", "{0,100}")));
                case CIRCLECI -> withField(replay.answer(withParam(r, "page-token", null)), "next_page_token", next);
                case AIRFLOW -> withField(replay.answer(withParam(r, "cursor", "")), "next_cursor", next);
                case KUBEFLOW -> withField(replay.answer(withParam(r, "page_token", null)), "next_page_token", next);
            };
        });
    }

    private static ReplayServer.Api wrap(ReplayServer.Api replay, ReplayServer.Api answers) {
        return new ReplayServer.Api() {
            @Override
            public Reply answer(Request request) {
                return answers.answer(request);
            }

            @Override
            public OpenApiContract contract() {
                return replay.contract();
            }
        };
    }

    private static Request withParam(Request r, String name, String value) {
        Map<String, String> query = new LinkedHashMap<>(r.query());
        if (value == null) {
            query.remove(name);
        } else {
            query.put(name, value);
        }
        return new Request(r.method(), r.path(), query, r.headers(), r.body());
    }

    private static Reply withField(Reply reply, String field, String value) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(reply.body());
            body.put(field, value);
            return new Reply(reply.status(), reply.headers(), JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> query) {
        return query.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The snapshot without its count of staged rows, which only the next sync clears. */
    private static List<String> withoutStaged(List<String> snapshot) {
        return snapshot.stream().filter(line -> !line.startsWith("staged ")).toList();
    }
}
