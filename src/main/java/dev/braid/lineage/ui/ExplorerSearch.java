package dev.braid.lineage.ui;

import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageReader;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.ui.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Where the explorer finds nodes to show: the search box's results, and the start list of what
 * changed last (the newest model versions, runs and dataset versions), so the explorer never opens
 * on an empty canvas.
 */
final class ExplorerSearch {
    static final int SEARCH_LIMIT = 50;
    static final int PER_GROUP = 5;
    private static final List<StartGroup> GROUPS = List.of(
            new StartGroup("Model versions", List.of()), new StartGroup("MLflow runs", List.of()),
            new StartGroup("Pipeline runs", List.of()), new StartGroup("Dataset versions", List.of()));
    private static final List<NodeKind> KINDS = List.of(NodeKind.MODEL_VERSION, NodeKind.EXPERIMENT_RUN, NodeKind.JOB_RUN,
            NodeKind.DATASET_VERSION);
    private final LineageReader reader;
    private final TaskRunner runner;
    private final ObservableList<LineageNode> results = FXCollections.observableArrayList();
    private final ObservableList<StartGroup> start = FXCollections.observableArrayList();
    private final javafx.beans.property.ReadOnlyBooleanWrapper startLoaded = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "startLoaded");
    // Which search the results belong to: an older, slower answer never replaces a newer one or
    // brings the list back after a node was chosen (as the shell's search does).
    private long generation;

    ExplorerSearch(LineageReader reader, TaskRunner runner) {
        this.reader = reader;
        this.runner = runner;
    }

    ObservableList<LineageNode> results() {
        return results;
    }

    ObservableList<StartGroup> start() {
        return start;
    }

    javafx.beans.property.ReadOnlyBooleanProperty startLoadedProperty() {
        return startLoaded.getReadOnlyProperty();
    }

    void search(String text, Consumer<Throwable> failed) {
        String query = text == null ? "" : text.strip();
        long asked = ++generation;
        if (query.isEmpty()) {
            results.clear();
            return;
        }
        runner.run(() -> reader.find(query, SEARCH_LIMIT), found -> {
            if (asked == generation) {
                results.setAll(found);
            }
        }, failed);
    }

    /** The node of {@code kind} whose id ends with {@code key} (a run id, a commit hash), if the graph has one. */
    void lookup(NodeKind kind, String key, Consumer<Optional<LineageNode>> found, Consumer<Throwable> failed) {
        runner.run(() -> reader.find(key, SEARCH_LIMIT).stream()
                .filter(n -> n.kind().equals(kind) && n.id().value().endsWith(":" + key)).findFirst(), found, failed);
    }

    void lookup(NodeId id, Consumer<Optional<LineageNode>> found, Consumer<Throwable> failed) {
        runner.run(() -> reader.node(id), found, failed);
    }

    void clearResults() {
        generation++;
        results.clear();
    }

    /**
     * Where the explorer lands: the newest model version (else the newest of anything), with the
     * runs that made it, expanded so that their data and code show too.
     */
    record Landing(NodeId node, List<NodeId> expanded) {
    }

    /**
     * Reads the start list again; {@code landing} hears where to land, if the graph has anything
     * and {@code withLanding} asks for it (else it hears nothing found).
     */
    void loadStart(boolean withLanding, Consumer<Optional<Landing>> landing, Consumer<Throwable> failed) {
        record Read(List<StartGroup> groups, Optional<Landing> landing) {
        }
        runner.run(() -> {
            List<StartGroup> groups = new ArrayList<>();
            for (int i = 0; i < KINDS.size(); i++) {
                List<LineageNode> nodes = reader.latest(KINDS.get(i), PER_GROUP);
                if (!nodes.isEmpty()) {
                    groups.add(new StartGroup(GROUPS.get(i).title(), nodes));
                }
            }
            Optional<Landing> land = !withLanding ? Optional.empty() : groups.stream().map(g -> g.nodes().get(0).id()).findFirst().map(first -> new Landing(first,
                    reader.neighbourhood(first, LineageExplorerViewModel.DEFAULT_HOPS, 0, null).nodes().stream().map(LineageNode::id)
                            .filter(id -> id.kind().equals(NodeKind.EXPERIMENT_RUN) || id.kind().equals(NodeKind.JOB_RUN)).toList()));
            return new Read(groups, land);
        }, read -> {
            start.setAll(read.groups());
            startLoaded.set(true);
            landing.accept(read.landing());
        }, failed);
    }
}
