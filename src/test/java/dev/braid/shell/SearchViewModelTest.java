package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.repos.CommitRow;
import dev.braid.repos.HistoryQuery;
import dev.braid.repos.ui.RepositorySearch;
import dev.braid.sync.Source;
import dev.braid.ui.GitFixture;
import dev.braid.ui.ImmediateTaskRunner;
import dev.braid.ui.search.SearchProvider;
import dev.braid.ui.search.SearchResult;
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
        model = new SearchViewModel(new ImmediateTaskRunner())
                .register(RepositorySearch.repositories(context.repositories(), (id, hash) -> opened.add(id + ":" + hash)))
                .register(RepositorySearch.commits(context.repositories(), (id, hash) -> opened.add(id + ":" + hash)));
    }

    @AfterEach
    void close() {
        context.close();
    }

    private List<String> lines() {
        return model.rows().stream().map(SearchRow::toString).toList();
    }

    @Test
    void resultsAreGroupedUnderTheirKindInTheOrderProvidersWereRegistered() {
        model.search("weather");

        assertEquals("Repositories", model.rows().get(0).heading());
        assertTrue(model.rows().get(1).result().title().equals("weather-model"), lines().toString());
        assertEquals("1 result", model.statusProperty().get());

        model.search("work");
        assertEquals("Commits", model.rows().get(0).heading(), "no repository matches: its heading is left out");
        assertTrue(lines().stream().anyMatch(l -> l.startsWith("feature work — weather-model · ")), lines().toString());
    }

    @Test
    void commitsAreFoundByHashPrefixAndChoosingOneOpensItAndClearsTheResults() {
        CommitRow third = context.repositories().history(HistoryQuery.all(source.id()), 0, 10).stream()
                .filter(row -> row.subject().equals("third")).findFirst().orElseThrow();

        model.search(third.hash().substring(0, 8));
        SearchRow first = model.first();
        assertEquals("third", first.result().title());

        model.choose(model.rows().get(0));
        assertTrue(opened.isEmpty(), "a heading opens nothing");
        model.choose(first);

        assertEquals(List.of(source.id() + ":" + third.hash()), opened);
        assertTrue(model.rows().isEmpty());
    }

    @Test
    void aKindThatFailsSaysSoAndTheOthersStillAnswer() {
        model.register(new SearchProvider() {
            @Override
            public String title() {
                return "Pipeline runs";
            }

            @Override
            public List<SearchResult> find(String query, int limit) throws Exception {
                throw new java.net.ConnectException("Connection refused");
            }
        });

        model.search("weather");

        assertTrue(lines().contains("Pipeline runs: could not search (the connection was refused (nothing is listening at"
                + " that address and port, or a firewall blocks it))"), lines().toString());
        assertTrue(lines().contains("weather-model — " + context.repositories().list().get(0).location()), lines().toString());
    }

    @Test
    void blankSearchClearsAndNoResultSaysSoPlainly() {
        model.search("zzz-nothing-like-this");
        assertTrue(model.rows().isEmpty());
        assertEquals("No results for “zzz-nothing-like-this”", model.statusProperty().get());

        model.search("  ");
        assertEquals("", model.statusProperty().get());
    }
}
