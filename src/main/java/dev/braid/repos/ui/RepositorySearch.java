package dev.braid.repos.ui;

import dev.braid.repos.CommitHit;
import dev.braid.repos.RepoSummary;
import dev.braid.repos.RepositoryService;
import dev.braid.ui.search.SearchProvider;
import dev.braid.ui.search.SearchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.kordamp.ikonli.feather.Feather;

/** The window-wide search's repositories (by name or location) and commits (by subject, author or hash prefix). */
public final class RepositorySearch {
    private RepositorySearch() {
    }

    /** Repositories; {@code open} shows one (repository id, null) or a commit in one (id, hash). */
    public static SearchProvider repositories(RepositoryService service, BiConsumer<Long, String> open) {
        return new SearchProvider() {
            @Override
            public String title() {
                return "Repositories";
            }

            @Override
            public List<SearchResult> find(String query, int limit) {
                String needle = query.toLowerCase(Locale.ROOT);
                List<SearchResult> out = new ArrayList<>();
                for (RepoSummary repo : service.list()) {
                    if (out.size() < limit && (repo.name().toLowerCase(Locale.ROOT).contains(needle)
                            || repo.location().toLowerCase(Locale.ROOT).contains(needle))) {
                        out.add(new SearchResult(repo.name(), repo.location(), Feather.FOLDER,
                                () -> open.accept(repo.sourceId(), null)));
                    }
                }
                return out;
            }
        };
    }

    public static SearchProvider commits(RepositoryService service, BiConsumer<Long, String> open) {
        return new SearchProvider() {
            @Override
            public String title() {
                return "Commits";
            }

            @Override
            public List<SearchResult> find(String query, int limit) {
                List<SearchResult> out = new ArrayList<>();
                for (CommitHit hit : service.search(query, limit)) {
                    out.add(new SearchResult(hit.commit().subject(), hit.repoName() + " · " + hit.commit().shortHash() + " · "
                            + hit.commit().authorName(), Feather.GIT_COMMIT, () -> open.accept(hit.repoId(), hit.commit().hash())));
                }
                return out;
            }
        };
    }
}
