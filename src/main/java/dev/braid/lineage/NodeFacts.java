package dev.braid.lineage;

import java.util.List;

/**
 * More to say about a lineage node than the graph holds, from another feature (a model version's
 * scan verdict, say), shown as extra rows in the explorer's details panel. Called off the UI
 * thread; must not fail for nodes it knows nothing about.
 */
@FunctionalInterface
public interface NodeFacts {
    /** Says nothing. */
    NodeFacts NONE = node -> List.of();

    /** Label/value pairs about {@code node}, in the order to show them; empty when there is nothing. */
    List<Fact> facts(LineageNode node);

    /** One row of the details panel. */
    record Fact(String label, String value) {
    }
}
