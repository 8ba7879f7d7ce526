package dev.braid.pipelines;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a sync asks a {@link RunSource} to list.
 *
 * @param full   every run (a full reconciliation), not only recent ones
 * @param since  epoch ms: runs created or changed since then (the previous sync's start less an overlap); null with full
 * @param cursor the source's own part of the sync cursor (ETags, last numbers), read and updated in place; saved
 *               with the runs only when the sync succeeds
 */
public record ListRequest(boolean full, Long since, ObjectNode cursor) {
}
