package dev.braid.lineage.ui;

import dev.braid.lineage.GraphExport;
import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageReader;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.ui.TaskRunner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The Lineage explorer: find a node, show its neighbourhood laid out left to right, expand and
 * collapse nodes, open folded clusters, filter kinds, go back in time ({@link ExplorerGraph}),
 * select nodes and highlight the paths between two of them ({@link PathSelection}), move the
 * selection with the keyboard and export what is shown ({@link GraphExports}). It opens on the
 * newest model version, with a start list of what changed last ({@link ExplorerSearch}). Every
 * read and layout runs through the {@link TaskRunner}.
 */
public final class LineageExplorerViewModel {
    public static final int DEFAULT_HOPS = 2;
    private final ExplorerGraph graph;
    private final ExplorerSearch finder;
    private final PathSelection paths;
    private final GraphExports exports;
    private final SelectionDetails details;
    private final ReadOnlyObjectWrapper<NodeId> focus = new ReadOnlyObjectWrapper<>(this, "focus");
    private final ReadOnlyObjectWrapper<LineageNode> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<Instant> asOf = new ReadOnlyObjectWrapper<>(this, "asOf");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<List<NodeId>> expansion = new ReadOnlyObjectWrapper<>(this, "expansion");
    private final ReadOnlyStringWrapper hidden = new ReadOnlyStringWrapper(this, "hidden", "");
    /** Nodes and edges of the neighbourhood as it is now, to say how many an earlier time hides. */
    private int[] shownNow;
    private boolean opened;
    /** Set once anything asked for a focus, so the start list's answer never overrides it. */
    private boolean focusAsked;

    public LineageExplorerViewModel(LineageReader reader, LineageLinks links, TaskRunner runner) {
        this.graph = new ExplorerGraph(reader, runner, this::failed);
        this.finder = new ExplorerSearch(reader, runner);
        this.paths = new PathSelection(reader, runner);
        this.exports = new GraphExports(runner, status::set);
        this.details = new SelectionDetails(links, runner);
        graph.keepShowing(this::kept);
        selected.addListener((obs, old, now) -> details.describe(now));
    }

    public ObservableList<LineageNode> searchResults() {
        return finder.results();
    }

    /** What changed last, by kind: where a person can start. Read when the explorer opens and on {@link #refresh()}. */
    public ObservableList<StartGroup> startList() {
        return finder.start();
    }

    /** The kinds present in the loaded graph, for the filter menu. */
    public ObservableList<NodeKind> kinds() {
        return graph.kinds();
    }

    public ObservableSet<NodeKind> hiddenKinds() {
        return graph.hiddenKinds();
    }

    /** Adds rows from another feature (such as scan verdicts) to the details of the selected node. */
    public void setNodeFacts(dev.braid.lineage.NodeFacts facts) {
        details.setFacts(facts);
    }

    public ObservableList<DetailRow> details() {
        return details.rows();
    }

    public ReadOnlyObjectProperty<NodeId> focusProperty() {
        return focus.getReadOnlyProperty();
    }

    /** The graph as shown, with coordinates; empty until a node is focused. */
    public ReadOnlyObjectProperty<LaidOutGraph> shownProperty() {
        return graph.shownProperty();
    }

    public ReadOnlyObjectProperty<LineageNode> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The second node of a two-node selection (ctrl+click), whose paths to the first are highlighted. */
    public ReadOnlyObjectProperty<LineageNode> secondProperty() {
        return paths.secondProperty();
    }

    public ReadOnlyObjectProperty<PathHighlight> pathProperty() {
        return paths.pathProperty();
    }

    /** The moment the graph is shown as of; null means now. */
    public ReadOnlyObjectProperty<Instant> asOfProperty() {
        return asOf.getReadOnlyProperty();
    }

    /** What the "as of" time hides of the neighbourhood as it is now ("12 nodes and 30 edges hidden…"); empty for now. */
    public ReadOnlyStringProperty hiddenProperty() {
        return hidden.getReadOnlyProperty();
    }

    /** False until the start list was read once: until then "the graph is empty" would not be known yet. */
    public ReadOnlyBooleanProperty startLoadedProperty() {
        return finder.startLoadedProperty();
    }

    /** The first and last edge times of the focused neighbourhood, or null: the slider's range. */
    public ReadOnlyObjectProperty<Instant[]> timeRangeProperty() {
        return graph.timeRangeProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** "Open in …" for a selected node another screen can show, else empty. */
    public ReadOnlyStringProperty linkLabelProperty() {
        return details.linkLabelProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return graph.busyProperty();
    }

    public boolean isExpanded(NodeId id) {
        return graph.isExpanded(id);
    }

    /**
     * The explorer is shown for the first time: reads the start list and, unless a focus was asked
     * for meanwhile, shows the newest model version's neighbourhood (else the newest run's).
     */
    public void open() {
        if (!opened) {
            opened = true;
            loadStart();
        }
    }

    /** Finds nodes whose name or id contains {@code text}. */
    public void search(String text) {
        finder.search(text, failure -> status.set("Search failed: " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    /** Shows {@code id}'s neighbourhood, two hops each way, and selects it. */
    public void focus(NodeId id) {
        focus(id, List.of());
    }

    private void focus(NodeId id, List<NodeId> expanded) {
        focusAsked = true;
        shownNow = null;
        focus.set(id);
        graph.closeClusters();
        paths.clear();
        finder.clearResults();
        load(id, expanded, true);
    }

    /**
     * Focuses the node of {@code kind} whose id ends with {@code key} (a run id, a commit hash):
     * how other screens' "Lineage" links open the explorer. Says so when the graph has no such node.
     */
    public void focusOn(NodeKind kind, String key) {
        focusAsked = true;
        finder.lookup(kind, key, found -> found.ifPresentOrElse(node -> focus(node.id()),
                () -> status.set("The lineage graph has no " + kind.id() + " " + key + " yet.")), this::failed);
    }

    /**
     * Focuses {@code id} when the graph knows it: how a model version's "Lineage" link opens the
     * explorer. Says so when the graph has no such node yet.
     */
    public void focusOn(NodeId id) {
        focusAsked = true;
        finder.lookup(id, found -> found.ifPresentOrElse(node -> focus(id), () -> status.set("The lineage graph has no "
                + id.kind().id() + " " + id.value().substring(id.value().indexOf(':') + 1) + " yet; sync its source to add it.")),
                this::failed);
    }

    /** Reads the graph again around the focus, keeping the expansions and the selection, and the start list: new lineage arrived. */
    public void refresh() {
        if (focus.get() != null) {
            load(focus.get(), graph.loaded().expansions(), false);
        }
        if (opened) {
            loadStart();
        }
    }

    private void loadStart() {
        // The landing's neighbourhood is read only while nothing is focused yet: a refresh keeps the focus.
        boolean land = !focusAsked && focus.get() == null;
        finder.loadStart(land, landing -> landing.filter(l -> !focusAsked && focus.get() == null)
                .ifPresent(l -> focus(l.node(), l.expanded())), this::failed);
    }

    private void load(NodeId id, List<NodeId> expansions, boolean select) {
        Instant when = asOf.get();
        graph.load(id, expansions, when, () -> {
            if (select) {
                selected.set(graph.node(id).orElse(null));
            } else if (selected.get() != null) {
                // The node as read now (a refresh may have changed its status); one the graph no
                // longer holds (earlier than it existed, say) gives way to the focus: the details
                // panel follows the graph that is shown.
                selected.set(graph.node(selected.get().id()).orElse(graph.node(id).orElse(null)));
            }
            int nodes = graph.loaded().nodes().size();
            int edges = graph.loaded().edges().size();
            if (when == null) {
                shownNow = new int[] {nodes, edges};
                hidden.set("");
            } else if (shownNow != null) {
                int hiddenNodes = Math.max(0, shownNow[0] - nodes);
                int hiddenEdges = Math.max(0, shownNow[1] - edges);
                hidden.set(hiddenNodes == 0 && hiddenEdges == 0 ? "nothing hidden"
                        : hiddenNodes + " node" + (hiddenNodes == 1 ? "" : "s") + " and " + hiddenEdges + " edge"
                        + (hiddenEdges == 1 ? "" : "s") + " hidden (added later)");
            }
            status.set(nodes == 0 ? "Nothing is known about " + id + (when == null ? "" : " as of " + when)
                    : nodes + " nodes, " + graph.loaded().edges().size() + " edges");
        });
    }

    /** Loads one more hop around {@code id}, or takes away what expanding it brought in. */
    public void toggleExpanded(NodeId id) {
        if (graph.isExpanded(id)) {
            graph.collapse(id, focus.get());
        } else {
            graph.expand(id, asOf.get(), added -> {
                List<NodeId> shown = new java.util.ArrayList<>(added);
                shown.add(0, id);
                expansion.set(List.copyOf(shown));
                String name = graph.node(id).map(dev.braid.lineage.NodeLabels::label).orElse(id.value());
                status.set(added.isEmpty() ? name + " has nothing more around it" : "Expanded " + name + ": "
                        + added.size() + " more node" + (added.size() == 1 ? "" : "s"));
            });
        }
    }

    /**
     * The node expanded last and the nodes that brought in, for the view to bring into view once
     * they are laid out; the view clears it with {@link #expansionShown()}.
     */
    public ReadOnlyObjectProperty<List<NodeId>> expansionProperty() {
        return expansion.getReadOnlyProperty();
    }

    public void expansionShown() {
        expansion.set(null);
    }

    /** A click on a node: a cluster opens; with {@code additive} (ctrl) the node becomes the second selection. */
    public void click(NodeId id, boolean additive) {
        if (GraphFolding.isCluster(id)) {
            graph.openCluster(id);
        } else if (additive && selected.get() != null && !selected.get().id().equals(id)) {
            paths.select(selected.get(), id, graph.loaded(), asOf.get(), graph::find, found -> {
                status.set(found);
                graph.relayout();
            }, this::failed);
        } else {
            select(id);
        }
    }

    public void select(NodeId id) {
        paths.clear();
        selected.set(graph.find(id));
    }

    /** Moves the selection along the shown graph. */
    public void move(Move move) {
        LaidOutGraph shown = graph.shownProperty().get();
        if (selected.get() == null) {
            shown.nodes().stream().findFirst().ifPresent(p -> select(p.node().id()));
            return;
        }
        SelectionMoves.target(shown, selected.get().id(), move).ifPresent(this::select);
    }

    public void setKindVisible(NodeKind kind, boolean visible) {
        if (visible) {
            graph.hiddenKinds().remove(kind);
        } else {
            graph.hiddenKinds().add(kind);
        }
    }

    /** Shows the graph as it stood at {@code when}; null means now. Reloads the focus and its expansions. */
    public void setAsOf(Instant when) {
        if (Objects.equals(when, asOf.get())) {
            return;
        }
        asOf.set(when);
        if (focus.get() != null) {
            load(focus.get(), graph.loaded().expansions(), false);
        }
    }

    /** Writes the shown graph to {@code file} in the background. */
    public void export(GraphExport.Format format, Path file) {
        exports.write(format, graph.shownProperty().get(), file);
    }

    /** Writes a picture of the graph (ARGB pixels, row by row) to a PNG file in the background. */
    public void exportPng(Path file, int width, int height, int[] argb) {
        exports.writePng(file, width, height, argb);
    }

    /** Opens the selected node in the screen that shows it (Repositories, Experiments). */
    public void openLink() {
        details.open(selected.get(), status::set, this::failed);
    }

    /** The nodes never folded away or hidden: the highlighted paths, the selection and the focus. */
    private Set<NodeId> kept() {
        Set<NodeId> keep = new HashSet<>(paths.pathProperty().get().nodes());
        Stream.of(selected.get(), paths.secondProperty().get()).filter(Objects::nonNull).forEach(n -> keep.add(n.id()));
        Optional.ofNullable(focus.get()).ifPresent(keep::add);
        return keep;
    }

    private void failed(Throwable failure) {
        status.set("Could not read the lineage graph: " + dev.braid.sync.PlainErrors.describe(failure));
    }
}
