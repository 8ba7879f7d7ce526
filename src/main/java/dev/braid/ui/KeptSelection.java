package dev.braid.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.MultipleSelectionModel;

/**
 * Keeps what a person selected in a table or list across reloads of its items. A background sync
 * replaces rows with fresh copies (records that compare equal or not); a control's own selection
 * model drops or shifts its selection when rows are replaced, so this remembers the selection by
 * key and selects the same keys again once the change is through.
 *
 * <p>Give the control {@link #items()} instead of the source list: it is a view of the source that
 * hears each change after this class has noted that a change is under way and before it restores
 * the selection, so the selection model's own reaction is never taken for the person's.
 */
public final class KeptSelection<T, K> {
    private final ObservableList<T> items;
    private final Function<T, K> key;
    private MultipleSelectionModel<T> selection;
    private boolean changing;
    private List<K> remembered = List.of();

    public KeptSelection(ObservableList<T> source, Function<T, K> key) {
        this.key = key;
        // Listeners run in the order they were added: this one first, the view (and the control) next, the restore last.
        source.addListener((ListChangeListener<T>) change -> changing = true);
        this.items = new FilteredList<>(source, row -> true);
        source.addListener((ListChangeListener<T>) change -> {
            changing = false;
            restore();
        });
    }

    /** True while the rows change or the selection is being put back: selection events then are not a person's. */
    public boolean restoring() {
        return changing;
    }

    /** The rows to show: the source list, as the control must see it. */
    public ObservableList<T> items() {
        return items;
    }

    /** Starts remembering {@code model}'s selection (of a control showing {@link #items()}). */
    public void attach(MultipleSelectionModel<T> model) {
        this.selection = model;
        model.getSelectedItems().addListener((ListChangeListener<T>) change -> {
            if (!changing) {
                remembered = keys(model.getSelectedItems());
            }
        });
    }

    private List<K> keys(List<T> rows) {
        List<K> out = new ArrayList<>(rows.size());
        for (T row : rows) {
            if (row != null) {
                out.add(key.apply(row));
            }
        }
        return out;
    }

    private void restore() {
        if (selection == null || remembered.isEmpty() || keys(selection.getSelectedItems()).equals(remembered)) {
            return;
        }
        List<Integer> indices = new ArrayList<>();
        for (K wanted : remembered) {
            for (int i = 0; i < items.size(); i++) {
                if (Objects.equals(key.apply(items.get(i)), wanted)) {
                    indices.add(i);
                    break;
                }
            }
        }
        List<K> keep = remembered;
        changing = true;
        try {
            selection.clearSelection();
            for (int index : indices) {
                selection.select(index);
            }
        } finally {
            changing = false;
        }
        // Rows that went away are no longer selected; the rest stay remembered.
        remembered = indices.isEmpty() ? List.of() : keys(selection.getSelectedItems());
        if (remembered.isEmpty() && !indices.isEmpty()) {
            remembered = keep;
        }
    }
}
