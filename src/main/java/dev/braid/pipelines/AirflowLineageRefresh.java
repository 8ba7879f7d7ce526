package dev.braid.pipelines;

import dev.braid.lineage.AirflowRunFacets;
import dev.braid.lineage.GraphChanges;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * After OpenLineage events are imported (a file, the receiver), derives again the lineage of each
 * Airflow source holding a DAG run the events named, so that run and its task tries become the
 * OpenLineage runs at once rather than at the source's next sync (ADR 8, "Airflow runs").
 */
public final class AirflowLineageRefresh {
    private final Database db;
    private final SourceStore sources;
    private final PipelineLineage lineage;

    public AirflowLineageRefresh(Database db, SourceStore sources, PipelineLineage lineage) {
        this.db = db;
        this.sources = sources;
        this.lineage = lineage;
    }

    /** Called with what a batch of new events asserted. */
    public void afterImport(GraphChanges changes) {
        Set<String> runs = new LinkedHashSet<>();
        for (GraphChanges.NodeWrite node : changes.nodes()) {
            String dag = node.properties().get(AirflowRunFacets.DAG_ID);
            String run = node.properties().get(AirflowRunFacets.RUN_ID);
            if (dag != null && run != null) {
                runs.add(dag + "/" + run);
            }
        }
        if (runs.isEmpty()) {
            return;
        }
        for (Source source : sources.list()) {
            if (source.kind().equals("airflow") && holdsAny(source, runs)) {
                lineage.rebuild(source);
            }
        }
    }

    private boolean holdsAny(Source source, Set<String> runs) {
        List<String> ids = new ArrayList<>(runs);
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM pipeline_runs WHERE source_id = ? AND run_id = ?")) {
                for (String id : ids) {
                    st.setLong(1, source.id());
                    st.setString(2, id);
                    try (ResultSet rs = st.executeQuery()) {
                        if (rs.next()) {
                            return true;
                        }
                    }
                }
            }
            return false;
        });
    }
}
