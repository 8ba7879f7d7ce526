package dev.braid.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where an MLflow source's last sync left off: the time its fetch began (the watermark for the
 * next incremental sync, epoch ms, null before the first sync) and when the last full
 * reconciliation ran (0 = never, or asked for again).
 */
record SyncCursor(Long watermark, long lastFull) {
    static final SyncCursor EMPTY = new SyncCursor(null, 0);

    static SyncCursor parse(String json) {
        if (json == null || json.isBlank()) {
            return EMPTY;
        }
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            Long watermark = node.hasNonNull("watermark") ? node.get("watermark").asLong() : null;
            return new SyncCursor(watermark, node.path("last_full").asLong(0));
        } catch (JsonProcessingException e) {
            // An unreadable cursor only costs a full sync.
            return EMPTY;
        }
    }

    String toJson() {
        ObjectNode node = new ObjectMapper().createObjectNode();
        if (watermark != null) {
            node.put("watermark", watermark);
        }
        node.put("last_full", lastFull);
        return node.toString();
    }

    SyncCursor withoutFull() {
        return new SyncCursor(watermark, 0);
    }
}
