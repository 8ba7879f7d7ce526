package dev.braid.lineage.ui;

import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageReader;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.NodeLabels;
import dev.braid.ui.search.SearchProvider;
import dev.braid.ui.search.SearchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The window-wide search's lineage nodes: datasets and their versions, and the jobs and pipeline
 * runs OpenLineage producers and DVC reported; each opens in the Lineage explorer.
 */
public final class LineageSearch {
    private LineageSearch() {
    }

    /** Datasets and dataset versions. */
    public static SearchProvider datasets(LineageReader lineage, Consumer<NodeId> focus) {
        return provider("Datasets", lineage, focus, List.of(NodeKind.DATASET, NodeKind.DATASET_VERSION));
    }

    /** Jobs and their runs (OpenLineage, DVC stages). */
    public static SearchProvider jobs(LineageReader lineage, Consumer<NodeId> focus) {
        return provider("Jobs and job runs", lineage, focus, List.of(NodeKind.JOB, NodeKind.JOB_RUN));
    }

    private static SearchProvider provider(String title, LineageReader lineage, Consumer<NodeId> focus, List<NodeKind> kinds) {
        return new SearchProvider() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public List<SearchResult> find(String query, int limit) {
                List<SearchResult> out = new ArrayList<>();
                for (NodeKind kind : kinds) {
                    for (LineageNode node : lineage.find(query, kind, limit - out.size())) {
                        out.add(new SearchResult(NodeLabels.label(node), node.kind().id() + " · " + node.id().value(),
                                org.kordamp.ikonli.feather.Feather.SHARE_2, () -> focus.accept(node.id())));
                    }
                    if (out.size() >= limit) {
                        break;
                    }
                }
                return out;
            }
        };
    }
}
