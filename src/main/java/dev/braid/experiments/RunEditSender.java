package dev.braid.experiments;

import java.util.Map;

/** Reads the server's current value of an edit's slot, and sends the edit. */
final class RunEditSender {
    /** The server's value of the slot the entry changes, or null when absent. */
    String remoteValue(MlflowRestClient client, OutboxEntry entry) throws MlflowException {
        Map<String, String> p = entry.payload();
        return switch (entry.action().slot()) {
            case RUN_TAG -> client.run(p.get("run_id")).tags().get(p.get("key"));
            case RUN_NAME -> client.run(p.get("run_id")).runName();
            case MODEL_ALIAS -> client.aliases(p.get("name")).get(p.get("alias"));
        };
    }

    /** Sends the entry's request. */
    void send(MlflowRestClient client, OutboxEntry entry) throws MlflowException {
        Map<String, String> p = entry.payload();
        switch (entry.action()) {
            case SET_TAG -> client.setTag(p.get("run_id"), p.get("key"), p.get("value"));
            case DELETE_TAG -> client.deleteTag(p.get("run_id"), p.get("key"));
            case RENAME_RUN -> client.renameRun(p.get("run_id"), p.get("run_name"));
            case SET_ALIAS -> client.setAlias(p.get("name"), p.get("alias"), p.get("version"));
            case DELETE_ALIAS -> client.deleteAlias(p.get("name"), p.get("alias"));
            default -> throw new IllegalArgumentException("unknown action " + entry.action());
        }
    }
}
