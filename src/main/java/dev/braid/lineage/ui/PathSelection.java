package dev.braid.lineage.ui;

import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageReader;
import dev.braid.lineage.NodeId;
import dev.braid.ui.TaskRunner;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The second node of a two-node selection and the paths highlighted between it and the first.
 * Finding the paths reads the graph in the background and brings the nodes on them that are not
 * loaded yet into the loaded graph.
 */
final class PathSelection {
    private final LineageReader reader;
    private final TaskRunner runner;
    private final ReadOnlyObjectWrapper<LineageNode> second = new ReadOnlyObjectWrapper<>(this, "second");
    private final ReadOnlyObjectWrapper<PathHighlight> path = new ReadOnlyObjectWrapper<>(this, "path", PathHighlight.NONE);
    /** The node whose paths are being looked for; an answer for another one comes too late and is dropped. */
    private NodeId pending;

    PathSelection(LineageReader reader, TaskRunner runner) {
        this.reader = reader;
        this.runner = runner;
    }

    ReadOnlyObjectProperty<LineageNode> secondProperty() {
        return second.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<PathHighlight> pathProperty() {
        return path.getReadOnlyProperty();
    }

    void clear() {
        pending = null;
        second.set(null);
        path.set(PathHighlight.NONE);
    }

    /**
     * Selects {@code id} as the second node beside {@code first} and looks for the paths between
     * them; {@code find} names a node as now loaded, {@code done} gets the status line once the
     * paths are highlighted and the graph needs laying out again.
     */
    void select(LineageNode first, NodeId id, LoadedGraph loaded, Instant when, Function<NodeId, LineageNode> find,
                Consumer<String> done, Consumer<Throwable> failed) {
        pending = id;
        second.set(find.apply(id));
        Set<NodeId> have = new HashSet<>(loaded.nodes().keySet());
        Set<String> haveEdges = loaded.edges().stream().map(e -> PathLoader.key(e.from(), e.to())).collect(Collectors.toSet());
        runner.run(() -> PathLoader.find(reader, first.id(), id, when, have, haveEdges), found -> {
            if (!id.equals(pending)) {
                return;
            }
            loaded.merge(found.missing());
            second.set(find.apply(id));
            path.set(PathHighlight.of(found.paths()));
            String between = first.name() + " and " + second.get().name();
            done.accept(found.paths().isEmpty() ? "No path between " + between
                    : found.paths().size() + (found.paths().size() == 1 ? " path" : " paths") + " of "
                    + (found.paths().get(0).size() - 1) + " hops between " + between);
        }, failed);
    }
}
