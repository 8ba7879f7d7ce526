package dev.braid.lineage.ui;

import dev.braid.lineage.GraphExport;
import dev.braid.lineage.GraphLayout;
import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageReader;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.Subgraph;
import dev.braid.ui.TaskRunner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The Lineage explorer: find a node, show its neighbourhood laid out left to right, expand and
 * collapse nodes, open folded clusters, filter kinds, go back in time, select nodes and highlight
 * the paths between two of them, move the selection with the keyboard and export what is shown.
 * Every read of the graph and every layout runs through the {@link TaskRunner}.
 */
public final class LineageExplorerViewModel {
    public static final int DEFAULT_HOPS = 2;
    private static final int SEARCH_LIMIT = 50;
    private final LineageReader reader;
    private final LineageLinks links;
    private final TaskRunner runner;
    private final GraphLayout layout = new GraphLayout();
    private final GraphFolding folding = new GraphFolding();
    private final GraphExport exporter = new GraphExport();
    private final LoadedGraph loaded = new LoadedGraph();
    private final Set<NodeId> openedClusters = new HashSet<>();
    private final ObservableList<LineageNode> searchResults = FXCollections.observableArrayList();
    private final ObservableList<NodeKind> kinds = FXCollections.observableArrayList();
    private final ObservableSet<NodeKind> hiddenKinds = FXCollections.observableSet();
    private final ObservableList<DetailRow> details = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<NodeId> focus = new ReadOnlyObjectWrapper<>(this, "focus");
    private final ReadOnlyObjectWrapper<LaidOutGraph> shown = new ReadOnlyObjectWrapper<>(this, "shown", LaidOutGraph.EMPTY);
    private final ReadOnlyObjectWrapper<LineageNode> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<LineageNode> second = new ReadOnlyObjectWrapper<>(this, "second");
    private final ReadOnlyObjectWrapper<PathHighlight> path = new ReadOnlyObjectWrapper<>(this, "path", PathHighlight.NONE);
    private final ReadOnlyObjectWrapper<Instant> asOf = new ReadOnlyObjectWrapper<>(this, "asOf");
    private final ReadOnlyObjectWrapper<Instant[]> timeRange = new ReadOnlyObjectWrapper<>(this, "timeRange");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper linkLabel = new ReadOnlyStringWrapper(this, "linkLabel", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private NodeId pendingSecond;
    private long loadGeneration;
    private long layoutGeneration;

    public LineageExplorerViewModel(LineageReader reader, LineageLinks links, TaskRunner runner) {
        this.reader = reader;
        this.links = links;
        this.runner = runner;
        hiddenKinds.addListener((javafx.collections.SetChangeListener<NodeKind>) change -> relayout());
        selected.addListener((obs, old, now) -> describe(now));
    }

    public ObservableList<LineageNode> searchResults() {
        return searchResults;
    }

    /** The kinds present in the loaded graph, for the filter menu. */
    public ObservableList<NodeKind> kinds() {
        return kinds;
    }

    public ObservableSet<NodeKind> hiddenKinds() {
        return hiddenKinds;
    }

    public ObservableList<DetailRow> details() {
        return details;
    }

    public ReadOnlyObjectProperty<NodeId> focusProperty() {
        return focus.getReadOnlyProperty();
    }

    /** The graph as shown, with coordinates; empty until a node is focused. */
    public ReadOnlyObjectProperty<LaidOutGraph> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LineageNode> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The second node of a two-node selection (ctrl+click), whose paths to the first are highlighted. */
    public ReadOnlyObjectProperty<LineageNode> secondProperty() {
        return second.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PathHighlight> pathProperty() {
        return path.getReadOnlyProperty();
    }

    /** The moment the graph is shown as of; null means now. */
    public ReadOnlyObjectProperty<Instant> asOfProperty() {
        return asOf.getReadOnlyProperty();
    }

    /** The first and last edge times of the focused neighbourhood, or null: the slider's range. */
    public ReadOnlyObjectProperty<Instant[]> timeRangeProperty() {
        return timeRange.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** "Open in …" for a selected node another screen can show, else empty. */
    public ReadOnlyStringProperty linkLabelProperty() {
        return linkLabel.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public boolean isExpanded(NodeId id) {
        return loaded.isExpanded(id);
    }

    /** Finds nodes whose name or id contains {@code text}. */
    public void search(String text) {
        String query = text == null ? "" : text.strip();
        if (query.isEmpty()) {
            searchResults.clear();
            return;
        }
        runner.run(() -> reader.find(query, SEARCH_LIMIT), searchResults::setAll,
                failure -> status.set("Search failed: " + failure.getMessage()));
    }

    /** Shows {@code id}'s neighbourhood, two hops each way, and selects it. */
    public void focus(NodeId id) {
        focus.set(id);
        openedClusters.clear();
        path.set(PathHighlight.NONE);
        second.set(null);
        searchResults.clear();
        load(id, List.of(), true);
    }

    /**
     * Focuses the node of {@code kind} whose id ends with {@code key} (a run id, a commit hash):
     * how other screens' "Lineage" links open the explorer. Says so when the graph has no such node.
     */
    public void focusOn(NodeKind kind, String key) {
        runner.run(() -> reader.find(key, SEARCH_LIMIT).stream()
                .filter(n -> n.kind().equals(kind) && n.id().value().endsWith(":" + key)).findFirst(), found -> {
                    if (found.isPresent()) {
                        focus(found.get().id());
                    } else {
                        status.set("The lineage graph has no " + kind.id() + " " + key + " yet.");
                    }
                }, this::failed);
    }

    /**
     * Focuses {@code id} when the graph knows it: how a model version's "Lineage" link opens the
     * explorer. Says so when the graph has no such node yet.
     */
    public void focusOn(NodeId id) {
        runner.run(() -> reader.node(id), found -> {
            if (found.isPresent()) {
                focus(id);
            } else {
                status.set("The lineage graph has no " + id.kind().id() + " " + id.value().substring(id.value().indexOf(':') + 1)
                        + " yet; sync its source to add it.");
            }
        }, this::failed);
    }

    /** Reads the graph again around the focus, keeping the expansions and the selection: new lineage arrived. */
    public void refresh() {
        if (focus.get() != null) {
            load(focus.get(), loaded.expansions(), false);
        }
    }

    private void load(NodeId id, List<NodeId> expansions, boolean select) {
        long generation = ++loadGeneration;
        Instant when = asOf.get();
        busy.set(true);
        runner.run(() -> {
            List<Subgraph> parts = new ArrayList<>();
            parts.add(reader.neighbourhood(id, DEFAULT_HOPS, DEFAULT_HOPS, when));
            for (NodeId expanded : expansions) {
                parts.add(reader.neighbourhood(expanded, 1, 1, when));
            }
            return parts;
        }, parts -> {
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
                timeRange.set(loaded.timeRange().orElse(null));
            }
            if (select) {
                selected.set(loaded.node(id).orElse(null));
            } else if (selected.get() != null) {
                // The node as read now: a refresh after new events may have changed its status.
                loaded.node(selected.get().id()).ifPresent(selected::set);
            }
            status.set(loaded.nodes().isEmpty() ? "Nothing is known about " + id + (when == null ? "" : " as of " + when)
                    : loaded.nodes().size() + " nodes, " + loaded.edges().size() + " edges");
            relayout();
        }, this::failed);
    }

    /** Loads one more hop around {@code id}, or takes away what expanding it brought in. */
    public void toggleExpanded(NodeId id) {
        if (loaded.isExpanded(id)) {
            loaded.collapse(id, focus.get());
            relayout();
            return;
        }
        Instant when = asOf.get();
        runner.run(() -> reader.neighbourhood(id, 1, 1, when), hop -> {
            if (loaded.node(id).isPresent()) {
                int before = loaded.nodes().size();
                loaded.expanded(id, hop);
                status.set("Expanded " + loaded.node(id).get().name() + ": " + (loaded.nodes().size() - before) + " more nodes");
                relayout();
            }
        }, this::failed);
    }

    /** A click on a node: a cluster opens; with {@code additive} (ctrl) the node becomes the second selection. */
    public void click(NodeId id, boolean additive) {
        if (GraphFolding.isCluster(id)) {
            openedClusters.add(id);
            relayout();
        } else if (additive && selected.get() != null && !selected.get().id().equals(id)) {
            selectSecond(id);
        } else {
            select(id);
        }
    }

    public void select(NodeId id) {
        pendingSecond = null;
        second.set(null);
        path.set(PathHighlight.NONE);
        selected.set(find(id));
    }

    private void selectSecond(NodeId id) {
        LineageNode first = selected.get();
        pendingSecond = id;
        second.set(find(id));
        Set<NodeId> have = new HashSet<>(loaded.nodes().keySet());
        Set<String> haveEdges = loaded.edges().stream().map(e -> PathLoader.key(e.from(), e.to())).collect(Collectors.toSet());
        Instant when = asOf.get();
        runner.run(() -> PathLoader.find(reader, first.id(), id, when, have, haveEdges), found -> {
            if (!id.equals(pendingSecond)) {
                return;
            }
            loaded.merge(found.missing());
            second.set(find(id));
            path.set(PathHighlight.of(found.paths()));
            status.set(found.paths().isEmpty() ? "No path between " + first.name() + " and " + second.get().name()
                    : found.paths().size() + (found.paths().size() == 1 ? " path" : " paths") + " of "
                    + (found.paths().get(0).size() - 1) + " hops between " + first.name() + " and " + second.get().name());
            relayout();
        }, this::failed);
    }

    /** Moves the selection along the shown graph. */
    public void move(Move move) {
        if (selected.get() == null) {
            shown.get().nodes().stream().findFirst().ifPresent(p -> select(p.node().id()));
            return;
        }
        SelectionMoves.target(shown.get(), selected.get().id(), move).ifPresent(this::select);
    }

    public void setKindVisible(NodeKind kind, boolean visible) {
        if (visible) {
            hiddenKinds.remove(kind);
        } else {
            hiddenKinds.add(kind);
        }
    }

    /** Shows the graph as it stood at {@code when}; null means now. Reloads the focus and its expansions. */
    public void setAsOf(Instant when) {
        if (java.util.Objects.equals(when, asOf.get())) {
            return;
        }
        asOf.set(when);
        if (focus.get() != null) {
            load(focus.get(), loaded.expansions(), false);
        }
    }

    /** Writes the shown graph to {@code file} in the background. */
    public void export(GraphExport.Format format, Path file) {
        LaidOutGraph graph = shown.get();
        runner.run(() -> {
            exporter.write(format, graph, file);
            return file;
        }, done -> status.set("Exported " + graph.nodes().size() + " nodes as " + format + " to " + done),
                failure -> status.set("Could not export: " + failure.getMessage()));
    }

    /** Writes a picture of the graph (ARGB pixels, row by row) to a PNG file in the background. */
    public void exportPng(Path file, int width, int height, int[] argb) {
        runner.run(() -> {
            PngFile.write(file, width, height, argb);
            return file;
        }, done -> status.set("Exported a " + width + " × " + height + " picture to " + done),
                failure -> status.set("Could not export: " + failure.getMessage()));
    }

    /** Opens the selected node in the screen that shows it (Repositories, Experiments). */
    public void openLink() {
        LineageNode node = selected.get();
        if (node == null || linkLabel.get().isEmpty()) {
            return;
        }
        runner.run(() -> links.opener(node), opener -> opener.ifPresentOrElse(Runnable::run,
                () -> status.set(node.name() + " is not in any source Braid has indexed.")), this::failed);
    }

    private LineageNode find(NodeId id) {
        return shown.get().nodes().stream().map(LaidOutGraph.Placed::node).filter(n -> n.id().equals(id)).findFirst()
                .orElse(loaded.node(id).orElse(null));
    }

    private void relayout() {
        Set<NodeId> keep = new LinkedHashSet<>(path.get().nodes());
        if (focus.get() != null) {
            keep.add(focus.get());
        }
        if (selected.get() != null) {
            keep.add(selected.get().id());
        }
        if (second.get() != null) {
            keep.add(second.get().id());
        }
        keep.addAll(loaded.expansions());
        kinds.setAll(loaded.nodes().values().stream().map(LineageNode::kind).distinct()
                .sorted(Comparator.comparing(NodeKind::id)).toList());
        Subgraph folded = folding.fold(loaded.nodes(), loaded.edges(), hiddenKinds, openedClusters, keep);
        long generation = ++layoutGeneration;
        busy.set(true);
        runner.run(() -> layout.layout(folded), laid -> {
            if (generation == layoutGeneration) {
                shown.set(laid);
                busy.set(false);
            }
        }, this::failed);
    }

    private void describe(LineageNode node) {
        details.setAll(node == null ? List.of() : NodeDetails.rows(node));
        linkLabel.set(node == null ? "" : NodeDetails.linkLabel(node));
    }

    private void failed(Throwable failure) {
        busy.set(false);
        status.set("Could not read the lineage graph: " + failure.getMessage());
    }
}
