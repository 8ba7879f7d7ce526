package dev.braid.experiments.ui;

import dev.braid.experiments.Experiment;
import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.ModelVersion;
import dev.braid.experiments.RegisteredModel;
import dev.braid.experiments.RunMatch;
import dev.braid.sync.Source;
import dev.braid.ui.search.SearchProvider;
import dev.braid.ui.search.SearchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.kordamp.ikonli.feather.Feather;

/**
 * The window-wide search's experiments (by name), runs (by name, id prefix or tag value) and
 * registered models and their versions (by name, alias or "name v3"); each opens in the
 * Experiments view through {@code show}, which first brings that view forward.
 */
public final class ExperimentSearch {
    private ExperimentSearch() {
    }

    public static SearchProvider experiments(ExperimentService service, Consumer<Runnable> show, ExperimentsViewModel view) {
        return provider("Experiments", (query, limit) -> {
            Map<Long, String> sources = service.sources().stream().collect(Collectors.toMap(Source::id, Source::name));
            String needle = query.toLowerCase(Locale.ROOT);
            List<SearchResult> out = new ArrayList<>();
            for (Experiment e : service.experiments()) {
                if (out.size() < limit && e.name().toLowerCase(Locale.ROOT).contains(needle)) {
                    out.add(new SearchResult(e.name(), "experiment · " + sources.getOrDefault(e.sourceId(), "?"), Feather.ACTIVITY,
                            () -> show.accept(() -> view.showExperiment(e.sourceId(), e.experimentId()))));
                }
            }
            return out;
        });
    }

    public static SearchProvider runs(ExperimentService service, Consumer<Runnable> show, ExperimentsViewModel view) {
        return provider("Runs", (query, limit) -> {
            List<SearchResult> out = new ArrayList<>();
            for (RunMatch run : service.searchRuns(query, limit)) {
                String name = run.runName() == null || run.runName().isBlank() ? run.runId() : run.runName();
                out.add(new SearchResult(name, run.runId().substring(0, Math.min(8, run.runId().length())) + " · "
                        + run.experimentName() + " · " + run.sourceName(), Feather.PLAY,
                        () -> show.accept(() -> view.openRun(run.sourceName(), run.runId()))));
            }
            return out;
        });
    }

    public static SearchProvider models(ExperimentService service, Consumer<Runnable> show, ExperimentsViewModel view) {
        return provider("Models", (query, limit) -> {
            String needle = query.toLowerCase(Locale.ROOT);
            Map<Long, String> sources = service.sources().stream().collect(Collectors.toMap(Source::id, Source::name));
            List<SearchResult> out = new ArrayList<>();
            for (RegisteredModel model : service.models()) {
                String where = sources.getOrDefault(model.sourceId(), "?");
                boolean named = model.name().toLowerCase(Locale.ROOT).contains(needle);
                ModelVersion latest = model.versions().stream()
                        .max(java.util.Comparator.comparingLong(v -> parse(v.version()))).orElse(null);
                if (named && out.size() < limit) {
                    out.add(new SearchResult(model.name(), "registered model · " + model.versions().size() + " versions · " + where,
                            Feather.PACKAGE, () -> show.accept(() -> view.showModel(RegistryFocus.version(model.sourceId(),
                            model.name(), latest == null ? null : latest.version())))));
                }
                for (ModelVersion v : model.versions()) {
                    String title = model.name() + " v" + v.version();
                    String aliases = model.aliases().entrySet().stream().filter(a -> a.getValue().equals(v.version()))
                            .map(a -> "@" + a.getKey()).collect(Collectors.joining(" "));
                    boolean matches = title.toLowerCase(Locale.ROOT).contains(needle)
                            || aliases.toLowerCase(Locale.ROOT).contains(needle);
                    if (matches && out.size() < limit && (!named || !aliases.isEmpty() || v == latest)) {
                        out.add(new SearchResult(title + (aliases.isEmpty() ? "" : " " + aliases), "model version · "
                                + (v.status() == null ? "" : v.status().toLowerCase(Locale.ROOT) + " · ") + where, Feather.BOX,
                                () -> show.accept(() -> view.showModel(RegistryFocus.version(model.sourceId(), model.name(),
                                        v.version())))));
                    }
                }
            }
            return out;
        });
    }

    private static long parse(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private interface Finder {
        List<SearchResult> find(String query, int limit) throws Exception;
    }

    private static SearchProvider provider(String title, Finder finder) {
        return new SearchProvider() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public List<SearchResult> find(String query, int limit) throws Exception {
                return finder.find(query, limit);
            }
        };
    }
}
