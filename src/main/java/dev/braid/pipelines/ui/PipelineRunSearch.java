package dev.braid.pipelines.ui;

import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageReader;
import dev.braid.pipelines.PipelineLineage;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineService;
import dev.braid.ui.search.SearchProvider;
import dev.braid.ui.search.SearchResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kordamp.ikonli.feather.Feather;

/**
 * The window-wide search's pipeline runs: by the commit they built (a hash prefix of 7 or more) and
 * by name or number ("train #42", as the lineage graph labels them); each opens in the Pipelines view.
 */
public final class PipelineRunSearch implements SearchProvider {
    /** Opens one run of one source in the Pipelines view. */
    @FunctionalInterface
    public interface Opener {
        void open(String source, String runId);
    }

    private final PipelineService pipelines;
    private final LineageReader lineage;
    private final Opener opener;

    /** {@code lineage} may be null: then only commit hashes find runs. */
    public PipelineRunSearch(PipelineService pipelines, LineageReader lineage, Opener opener) {
        this.pipelines = pipelines;
        this.lineage = lineage;
        this.opener = opener;
    }

    @Override
    public String title() {
        return "Pipeline runs";
    }

    @Override
    public List<SearchResult> find(String query, int limit) {
        List<SearchResult> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String text = query.strip();
        if (text.matches("[0-9a-fA-F]{7,64}")) {
            for (PipelineRun run : pipelines.runsOfCommit(text)) {
                if (out.size() < limit && seen.add(run.source() + "\n" + run.id())) {
                    out.add(result(run.source() + " " + (run.number() == null ? run.id() : "#" + run.number()),
                            run.status().word() + " · " + (run.ref() == null ? "" : run.ref() + " · ") + run.sha(),
                            run.source(), run.id()));
                }
            }
        }
        if (lineage != null && out.size() < limit) {
            for (LineageNode node : lineage.find(text, PipelineLineage.PIPELINE_RUN, limit - out.size())) {
                String source = node.properties().get("source");
                String runId = node.properties().get("runId");
                if (source != null && runId != null && seen.add(source + "\n" + runId)) {
                    out.add(result(node.name(), node.status() + " · " + source, source, runId));
                }
            }
        }
        return out;
    }

    private SearchResult result(String title, String detail, String source, String runId) {
        return new SearchResult(title, detail, Feather.GIT_PULL_REQUEST, () -> opener.open(source, runId));
    }
}
