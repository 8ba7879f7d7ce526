package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.repos.CommitRow;
import dev.braid.repos.HistoryQuery;
import dev.braid.sync.Source;
import dev.braid.ui.GitFixture;
import dev.braid.ui.ImmediateTaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchViewModelTest {
    @TempDir
    Path temp;
    private AppContext context;
    private Source source;
    private final List<String> opened = new ArrayList<>();
    private SearchViewModel model;

    @BeforeEach
    void open() throws Exception {
        context = GitFixture.open(temp.resolve("braid"));
        source = GitFixture.addAndSync(context, GitFixture.mergeRepository(temp.resolve("weather-model")));
        Navigator navigator = new Navigator() {
            @Override
            public void show(Page page) {
                opened.add(page.id());
            }

            @Override
            public void openRepository(long repoId, String hash) {
                opened.add(repoId + ":" + hash);
            }
        };
        model = new SearchViewModel(context.repositories(), navigator, new ImmediateTaskRunner());
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void findsCommitsBySubject() {
        model.search("feature work");

        assertTrue(model.hits().stream().anyMatch(hit -> hit.isCommit() && hit.title().equals("feature work")));
    }

    @Test
    void findsRepositoriesByNameAndCommitsByHashPrefix() {
        CommitRow third = context.repositories().history(HistoryQuery.all(source.id()), 0, 10).stream()
                .filter(row -> row.subject().equals("third")).findFirst().orElseThrow();

        model.search("weather");
        assertTrue(model.hits().stream().anyMatch(hit -> !hit.isCommit() && hit.title().equals("weather-model")));

        model.search(third.hash().substring(0, 8));
        assertEquals(third.hash(), model.hits().get(0).hash());
    }

    @Test
    void choosingAHitOpensItAndClearsTheResults() {
        model.search("main work");
        SearchHit hit = model.hits().stream().filter(SearchHit::isCommit).findFirst().orElseThrow();

        model.choose(hit);

        assertEquals(List.of(source.id() + ":" + hit.hash()), opened);
        assertTrue(model.hits().isEmpty());
    }

    @Test
    void blankSearchClearsAndNoMatchSaysSo() {
        model.search("zzz-nothing-like-this");
        assertTrue(model.hits().isEmpty());
        assertTrue(model.statusProperty().get().startsWith("No matches"));

        model.search("  ");
        assertEquals("", model.statusProperty().get());
    }
}
