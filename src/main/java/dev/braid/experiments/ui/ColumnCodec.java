package dev.braid.experiments.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * A column choice as one line of text for {@link ColumnMemory}: the shown keys by id
 * ({@code metrics.val_auc}) and the shown attributes by id ({@code created}), separated by
 * line feeds, which no key of an MLflow run contains. Unknown entries are skipped when read.
 */
final class ColumnCodec {
    private ColumnCodec() {
    }

    static String encode(List<RunColumn> keys, List<RunColumn> attributes) {
        List<String> ids = new ArrayList<>();
        keys.forEach(c -> ids.add(c.id()));
        attributes.forEach(c -> ids.add(c.id()));
        return String.join("\n", ids);
    }

    /** The keys and the attributes a text written by {@link #encode} names. */
    static List<RunColumn> decode(String text) {
        List<RunColumn> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String id : text.split("\n")) {
            if (id.startsWith("metrics.") && id.length() > 8) {
                out.add(RunColumn.metric(id.substring(8)));
            } else if (id.startsWith("params.") && id.length() > 7) {
                out.add(RunColumn.param(id.substring(7)));
            } else if (id.startsWith("tags.") && id.length() > 5) {
                out.add(RunColumn.tag(id.substring(5)));
            } else {
                ColumnChoice.TAIL.stream().filter(c -> c.id().equals(id)).findFirst().ifPresent(out::add);
            }
        }
        return out;
    }
}
