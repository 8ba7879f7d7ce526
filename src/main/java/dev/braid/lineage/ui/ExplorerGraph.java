package dev.braid.lineage.ui;

import dev.braid.lineage.GraphLayout;
import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageReader;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.Subgraph;
import dev.braid.ui.TaskRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

/**
 * The explorer's graph: the neighbourhood loaded around the focus with its expansions, and what
 * is shown of it: fans folded into clusters (unless opened), hidden kinds left out, laid out in the
 * background. A load or layout that a later one overtook is dropped.
 */
final class ExplorerGraph {
    private final LineageReader reader;
    private final TaskRunner runner;
    private final Consumer<Throwable> failed;
    private final GraphLayout layout = new GraphLayout();
    private final GraphFolding folding = new GraphFolding();
    private final LoadedGraph loaded = new LoadedGraph();
    private final Set<NodeId> openedClusters = new HashSet<>();
    private final ObservableList<NodeKind> kinds = FXCollections.observableArrayList();
    private final ObservableSet<NodeKind> hiddenKinds = FXCollections.observableSet();
    private final ReadOnlyObjectWrapper<LaidOutGraph> shown = new ReadOnlyObjectWrapper<>(this, "shown", LaidOutGraph.EMPTY);
    private final ReadOnlyObjectWrapper<Instant[]> timeRange = new ReadOnlyObjectWrapper<>(this, "timeRange");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private Supplier<Set<NodeId>> keep = Set::of;
    private long loadGeneration;
    private long layoutGeneration;

    private record Loaded(List<Subgraph> parts, Optional<Instant[]> span) {
    }

    /** {@code failed} hears every failed read or layout. */
    ExplorerGraph(LineageReader reader, TaskRunner runner, Consumer<Throwable> failed) {
        this.reader = reader;
        this.runner = runner;
        this.failed = failure -> {
            busy.set(false);
            failed.accept(failure);
        };
        hiddenKinds.addListener((SetChangeListener<NodeKind>) change -> relayout());
    }

    /** The nodes that are never folded away or hidden (the focus, the selection, highlighted paths). */
    void keepShowing(Supplier<Set<NodeId>> nodes) {
        this.keep = nodes;
    }

    ObservableList<NodeKind> kinds() {
        return kinds;
    }

    ObservableSet<NodeKind> hiddenKinds() {
        return hiddenKinds;
    }

    ReadOnlyObjectProperty<LaidOutGraph> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Instant[]> timeRangeProperty() {
        return timeRange.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    LoadedGraph loaded() {
        return loaded;
    }

    Optional<LineageNode> node(NodeId id) {
        return loaded.node(id);
    }

    boolean isExpanded(NodeId id) {
        return loaded.isExpanded(id);
    }

    /** The node as shown, else as loaded, else null. */
    LineageNode find(NodeId id) {
        return shown.get().nodes().stream().map(LaidOutGraph.Placed::node).filter(n -> n.id().equals(id)).findFirst()
                .orElse(loaded.node(id).orElse(null));
    }

    /** Starts again at a new focus: no cluster stays open. */
    void closeClusters() {
        openedClusters.clear();
    }

    void openCluster(NodeId cluster) {
        openedClusters.add(cluster);
        relayout();
    }

    /**
     * Loads {@code id}'s neighbourhood as of {@code when} (null: now) and one hop around each of
     * {@code expansions}; {@code loadedThen} runs once it replaced what was loaded, before the layout.
     */
    void load(NodeId id, List<NodeId> expansions, Instant when, Runnable loadedThen) {
        long generation = ++loadGeneration;
        busy.set(true);
        runner.run(() -> {
            List<Subgraph> parts = new ArrayList<>();
            parts.add(reader.neighbourhood(id, LineageExplorerViewModel.DEFAULT_HOPS, LineageExplorerViewModel.DEFAULT_HOPS, when));
            for (NodeId expanded : expansions) {
                parts.add(reader.neighbourhood(expanded, 1, 1, when));
            }
            // The slider spans the neighbourhood's whole history, ended edges included (an alias's earlier versions).
            Optional<Instant[]> span = when != null ? Optional.empty()
                    : reader.timeSpan(parts.get(0).nodes().stream().map(LineageNode::id).toList());
            return new Loaded(parts, span);
        }, result -> {
            List<Subgraph> parts = result.parts();
            if (generation != loadGeneration) {
                return;
            }
            loaded.reset(parts.get(0));
            for (int i = 1; i < parts.size(); i++) {
                if (loaded.node(expansions.get(i - 1)).isPresent()) {
                    loaded.expanded(expansions.get(i - 1), parts.get(i));
                }
            }
            if (when == null) {
                timeRange.set(result.span().or(loaded::timeRange).orElse(null));
            }
            loadedThen.run();
            relayout();
        }, failed);
    }

    /** Loads one more hop around {@code id}; {@code added} hears which nodes that brought in. */
    void expand(NodeId id, Instant when, Consumer<Set<NodeId>> added) {
        runner.run(() -> reader.neighbourhood(id, 1, 1, when), hop -> {
            if (loaded.node(id).isPresent()) {
                loaded.expanded(id, hop);
                added.accept(loaded.addedBy(id));
                relayout();
            }
        }, failed);
    }

    /** Takes away what expanding {@code id} brought in, except what {@code focus}'s neighbourhood holds. */
    void collapse(NodeId id, NodeId focus) {
        loaded.collapse(id, focus);
        relayout();
    }

    /** Folds, filters and lays out what is loaded, in the background. */
    void relayout() {
        kinds.setAll(loaded.nodes().values().stream().map(LineageNode::kind).distinct()
                .sorted(Comparator.comparing(NodeKind::id)).toList());
        Set<NodeId> kept = new HashSet<>(keep.get());
        kept.addAll(loaded.expansions());
        Subgraph folded = folding.fold(loaded.nodes(), loaded.edges(), hiddenKinds, openedClusters, kept);
        long generation = ++layoutGeneration;
        busy.set(true);
        runner.run(() -> layout.layout(folded), laid -> {
            if (generation == layoutGeneration) {
                shown.set(laid);
                busy.set(false);
            }
        }, failed);
    }
}
