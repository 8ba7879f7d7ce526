package dev.braid.shell;

import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.ui.search.SearchProvider;
import dev.braid.ui.search.SearchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.kordamp.ikonli.feather.Feather;

/**
 * The window-wide search's sources of every kind, by name, kind or location (a W&B folder, a Feast
 * registry file or server, an MLflow store, a CI server): each opens where its data is shown.
 */
final class SourceSearch implements SearchProvider {
    private final SourceStore sources;
    private final Consumer<Source> open;

    SourceSearch(SourceStore sources, Consumer<Source> open) {
        this.sources = sources;
        this.open = open;
    }

    @Override
    public String title() {
        return "Sources";
    }

    @Override
    public List<SearchResult> find(String query, int limit) {
        String needle = query.strip().toLowerCase(Locale.ROOT);
        List<SearchResult> out = new ArrayList<>();
        for (Source source : sources.list()) {
            if (out.size() >= limit) {
                break;
            }
            boolean matches = source.name().toLowerCase(Locale.ROOT).contains(needle)
                    || source.kind().toLowerCase(Locale.ROOT).contains(needle)
                    || source.location().toLowerCase(Locale.ROOT).contains(needle);
            if (matches) {
                String where = source.location().isEmpty() ? "" : " · " + source.location();
                out.add(new SearchResult(source.name(), source.kind() + " source" + where, Feather.DATABASE,
                        () -> open.accept(source)));
            }
        }
        return out;
    }
}
