package dev.braid.pipelines.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.pipelines.PipelineLineage;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.PipelineSyncer;
import dev.braid.pipelines.ci.CiSources;
import dev.braid.pipelines.replay.CiHistory;
import dev.braid.pipelines.replay.GitLabReplay;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.sync.Source;
import dev.braid.testing.TestContexts;
import dev.braid.ui.GitFixture;
import dev.braid.ui.search.SearchResult;
import dev.braid.ui.sources.SourceForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CI sources in the window: the Add-source dialog's forms add them, the Ctrl+K search finds their
 * runs by commit and by name, and renaming or removing one takes its lineage along.
 */
class PipelineSourcesInTheWindowTest {
    private Path folder;
    private AppContext context;
    private ReplayServer server;
    private CiSources apis;
    private PipelineService service;

    @BeforeEach
    void open() throws Exception {
        folder = Files.createTempDirectory("braid-pipeline-sources");
        context = GitFixture.open(folder.resolve("braid"));
        apis = CiSources.forTests(Map.of(), context.clock(), Duration.ofSeconds(10), (d, s) -> { }, Duration.ofSeconds(5));
        service = new PipelineService(context.database(), context.sources(), apis, context.clock(),
                PipelineService.DEFAULT_LOG_CAP_BYTES);
    }

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
        context.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void eachCiFormAddsItsKindWithTheSettingsTypedAndOnlyTheVariableNames() throws Exception {
        List<SourceForm> forms = PipelineSourceForms.all(service);
        assertEquals(List.of("gitlab", "github", "jenkins", "circleci", "airflow", "kubeflow"), forms.stream().map(SourceForm::id).toList());
        assertTrue(forms.stream().allMatch(f -> f.group().equals(PipelineSourceForms.GROUP.id())));

        Source gitlab = forms.get(0).add(Map.of("project", "acme/churn", "token_env", "GITLAB_TOKEN"), TestContexts.quiet()).source();
        Source github = forms.get(1).add(Map.of("repo", "acme/app", SourceForm.NAME, "app-actions"), TestContexts.quiet()).source();
        Source jenkins = forms.get(2).add(Map.of("url", "https://ci.example.org", "job", "job/team/job/app",
                "username", "ada", "password_env", "JENKINS_TOKEN"), TestContexts.quiet()).source();
        Source circle = forms.get(3).add(Map.of("slug", "gh/acme/app"), TestContexts.quiet()).source();
        Source airflow = forms.get(4).add(Map.of("url", "http://127.0.0.1:8080/", "username", "admin",
                "password_env", "AIRFLOW_PASSWORD"), TestContexts.quiet()).source();
        Source kubeflow = forms.get(5).add(Map.of("url", "http://127.0.0.1:8888", "token_env", "KFP_TOKEN"),
                TestContexts.quiet()).source();

        assertEquals("gitlab", gitlab.kind());
        assertEquals("gitlab:acme/churn", gitlab.name());
        assertEquals("https://gitlab.com", gitlab.config("url"));
        assertEquals("GITLAB_TOKEN", gitlab.config("token_env"));
        assertEquals("app-actions", github.name());
        assertEquals("acme/app", github.config("repo"));
        assertEquals("team/app", jenkins.config("job"));
        assertEquals("JENKINS_TOKEN", jenkins.config("password_env"));
        assertEquals("circleci:gh/acme/app", circle.name());
        assertEquals("airflow:127.0.0.1:8080", airflow.name());
        assertEquals("http://127.0.0.1:8080", airflow.config("url"));
        assertEquals("AIRFLOW_PASSWORD", airflow.config("password_env"));
        assertEquals("kubeflow:127.0.0.1:8888", kubeflow.name());
        assertEquals("KFP_TOKEN", kubeflow.config("token_env"));
        assertEquals(6, service.sources().size());
    }

    @Test
    void eachKindEditsItsServerAndCredentialVariablesButNeverWhatItFollows() throws Exception {
        Map<String, SourceForm> forms = new java.util.LinkedHashMap<>();
        PipelineSourceForms.all(service).forEach(f -> forms.put(f.id(), f));
        Source gitlab = service.addGitLab("https://gitlab.example.org", "acme/churn", "GITLAB_TOKEN", true, null);
        Source jenkins = service.addJenkins("https://ci.example.org", "team/app", "ada", "JENKINS_TOKEN", null);
        Source airflow = service.addAirflow("http://127.0.0.1:8080", null, null, "AIRFLOW_TOKEN", null);

        assertTrue(forms.get("gitlab").edits(gitlab));
        assertFalse(forms.get("github").edits(gitlab));
        assertEquals(List.of("url", "token_env"), forms.get("gitlab").editFields(gitlab).stream().map(f -> f.key()).toList());
        assertEquals(List.of("url", "username", "password_env"),
                forms.get("jenkins").editFields(jenkins).stream().map(f -> f.key()).toList());

        Map<String, String> edited = forms.get("gitlab").editedConfig(gitlab, Map.of("url", "https://git.acme.example/",
                "token_env", "", "project", "someone/else"));
        assertEquals(Map.of("url", "https://git.acme.example", "project", "acme/churn", "oauth", "true"), edited,
                "a cleared variable is dropped, the project stays, settings not shown are kept");
        Source saved = context.sourceManager().updateConfig(gitlab, edited);
        assertEquals("https://git.acme.example", service.sources().stream().filter(s -> s.id() == saved.id()).findFirst()
                .orElseThrow().config("url"));

        Exception notAVariable = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> forms.get("jenkins").editedConfig(jenkins, Map.of("url", "https://ci.example.org", "password_env", "s3cr3t!")));
        assertTrue(notAVariable.getMessage().contains("never the secret itself"), notAVariable.getMessage());
        Exception both = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> forms.get("airflow").editedConfig(airflow, Map.of("url", "http://127.0.0.1:8080", "username", "admin",
                        "token_env", "AIRFLOW_TOKEN")));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        assertEquals(Map.of("url", "http://127.0.0.1:8080", "username", "admin", "password_env", "AIRFLOW_PASSWORD"),
                forms.get("airflow").editedConfig(airflow, Map.of("url", "http://127.0.0.1:8080", "username", "admin",
                        "password_env", "AIRFLOW_PASSWORD", "token_env", "")), "a token swapped for a user");
    }

    @Test
    void aBadSettingIsRefusedInWordsAndAddsNothing() {
        SourceForm github = PipelineSourceForms.github(service);
        Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> github.add(Map.of("repo", "not a repository"), TestContexts.quiet()));
        assertTrue(refused.getMessage().contains("OWNER/REPO"), refused.getMessage());
        assertTrue(service.sources().isEmpty());
    }

    @Test
    void searchFindsRunsByCommitAndByNameAndRenameAndRemoveTakeTheirLineage() throws Exception {
        Source source = synced();
        PipelineRun run = service.runs(PipelineQuery.all()).get(0);
        List<String> opened = new ArrayList<>();
        PipelineRunSearch search = new PipelineRunSearch(service, context.lineage(), (s, id) -> opened.add(s + "/" + id));

        List<SearchResult> bySha = search.find(run.sha().substring(0, 10), 20);
        assertFalse(bySha.isEmpty(), "a commit prefix finds the runs that built it");
        bySha.stream().filter(r -> r.title().contains(run.number() == null ? run.id() : "#" + run.number())).findFirst()
                .orElseThrow().open().run();
        assertEquals(List.of(source.name() + "/" + run.id()), opened);
        String label = context.lineage().node(PipelineLineage.run(source.name(), run.id())).orElseThrow().name();
        assertTrue(search.find(label, 20).stream().anyMatch(r -> r.title().equals(label)), label);
        assertTrue(search.find("no such pipeline anywhere", 20).isEmpty());

        long nodes = count("SELECT count(*) FROM lineage_nodes WHERE id LIKE 'pipeline-run:" + source.name() + ":%'");
        assertTrue(nodes > 0);
        // An earlier span of one of its edges, ended before the one now live began (ADR 15).
        context.database().write(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO lineage_edges_ended(from_id, to_id, kind, asserted_by,"
                    + " asserted_at, ended_at, properties) SELECT from_id, to_id, kind, asserted_by, asserted_at - 20000,"
                    + " asserted_at - 10000, properties FROM lineage_edges WHERE asserted_by = ? AND to_id LIKE 'pipeline-run:%'"
                    + " ORDER BY to_id LIMIT 1")) {
                st.setString(1, "ci:" + source.name());
                return st.executeUpdate();
            }
        });
        String endedBefore = endedEdges("ci:" + source.name());
        assertTrue(endedBefore.contains("pipeline-run:" + source.name() + ":"), endedBefore);
        Source renamed = context.sourceManager().rename(source, "ci");
        assertEquals("", endedEdges("ci:" + source.name()));
        assertEquals(endedBefore.replace(":" + source.name() + ":", ":ci:"), endedEdges("ci:ci"),
                "the ended edge moved with the rename, times and all");
        assertEquals(0, count("SELECT count(*) FROM lineage_nodes WHERE id LIKE 'pipeline-run:" + source.name() + ":%'"));
        assertEquals(0, count("SELECT count(*) FROM lineage_edges WHERE asserted_by = 'ci:" + source.name() + "'"));
        assertEquals(nodes, count("SELECT count(*) FROM lineage_nodes WHERE id LIKE 'pipeline-run:ci:%'"));
        assertTrue(count("SELECT count(*) FROM lineage_edges WHERE asserted_by = 'ci:ci'") > 0);

        context.sourceManager().remove(renamed);
        assertEquals(0, count("SELECT count(*) FROM lineage_nodes WHERE id LIKE 'pipeline-run:%' OR id LIKE 'ci-job:%'"));
        assertEquals(0, count("SELECT count(*) FROM lineage_edges WHERE asserted_by LIKE 'ci:%'"));
        assertEquals(0, count("SELECT count(*) FROM pipeline_runs"));
    }

    private Source synced() throws Exception {
        CiHistory history = CiHistory.generate(12, 3, 7);
        GitLabReplay api = new GitLabReplay(history, "acme/churn", null);
        server = ReplayServer.start(api);
        api.base(server.url());
        Source source = PipelineSourceForms.gitlab(service).add(Map.of("url", server.url(), "project", "acme/churn"),
                TestContexts.quiet()).source();
        new PipelineSyncer("gitlab", context.database(), context.sources(), apis, context.clock())
                .sync(source, TestContexts.quiet());
        new PipelineLineage(context.database(), context.lineage()).rebuild(source);
        return source;
    }

    /** {@code assertedBy}'s ended edges, one "from to kind asserted_at ended_at" line each. */
    private String endedEdges(String assertedBy) {
        return context.database().read(c -> {
            StringBuilder out = new StringBuilder();
            try (PreparedStatement st = c.prepareStatement("SELECT from_id, to_id, kind, asserted_at, ended_at"
                    + " FROM lineage_edges_ended WHERE asserted_by = ? ORDER BY 1, 2, 3, 4")) {
                st.setString(1, assertedBy);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getString(3))
                                .append(' ').append(rs.getLong(4)).append(' ').append(rs.getLong(5)).append('\n');
                    }
                }
            }
            return out.toString();
        });
    }

    private long count(String sql) {
        return context.database().read(c -> {
            try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }
}
