package dev.braid.ui;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.collections.ObservableList;

/**
 * Updates a list a control shows with as small a change as possible: when the fresh rows are the
 * same rows in the same order (by key), only the rows that changed are replaced, one by one, so
 * the control keeps its scroll position and (with {@link KeptSelection}) its selection; when they
 * only add rows at the end, those are appended; otherwise the list is replaced.
 */
public final class ListUpdates {
    private ListUpdates() {
    }

    /** Makes {@code shown} equal {@code fresh}; returns whether anything changed. */
    public static <T, K> boolean update(ObservableList<T> shown, List<T> fresh, Function<T, K> key) {
        int size = shown.size();
        boolean sameKeys = fresh.size() >= size;
        for (int i = 0; sameKeys && i < size; i++) {
            sameKeys = Objects.equals(key.apply(shown.get(i)), key.apply(fresh.get(i)));
        }
        if (!sameKeys || size == 0) {
            if (shown.equals(fresh)) {
                return false;
            }
            shown.setAll(fresh);
            return true;
        }
        boolean changed = false;
        for (int i = 0; i < size; i++) {
            if (!Objects.equals(shown.get(i), fresh.get(i))) {
                shown.set(i, fresh.get(i));
                changed = true;
            }
        }
        if (fresh.size() > size) {
            shown.addAll(fresh.subList(size, fresh.size()));
            changed = true;
        }
        return changed;
    }
}
