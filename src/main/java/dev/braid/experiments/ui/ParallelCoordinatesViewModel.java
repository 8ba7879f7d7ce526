package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Parallel coordinates over chosen params and metrics: one vertical axis per column, one polyline
 * per run. A brush on an axis is a range of it; a run is kept when it lies inside every brush and
 * the others are dimmed. While a brush is being dragged only the drawing follows; when it is let
 * go the kept runs become {@link #brushedRuns()}, which the rest of the comparison shows.
 */
public final class ParallelCoordinatesViewModel {
    /** A range of an axis, {@code from <= to}, in axis positions (0 to 1). */
    public record Brush(double from, double to) {
        public Brush {
            if (from > to) {
                double swap = from;
                from = to;
                to = swap;
            }
            from = Math.max(0, from);
            to = Math.min(1, to);
        }

        public boolean contains(double position) {
            return position >= from && position <= to;
        }
    }

    /**
     * What to draw: the axes in order, each axis's brush (null for none), and which runs are kept.
     * {@code kept} is indexed like {@link #runs()}; it is never changed after it is handed out.
     */
    public record Data(List<PlotAxis> axes, List<Brush> brushes, boolean[] kept, int keptCount) {
        public Data {
            axes = List.copyOf(axes);
            brushes = java.util.Collections.unmodifiableList(new ArrayList<>(brushes));
        }
    }

    /** The most axes chosen by default; more can be added by hand. */
    static final int DEFAULT_AXES = 8;
    private final List<RunSummary> runs;
    private final ObservableList<RunColumn> columns;
    private final ObservableList<RunColumn> axes = FXCollections.observableArrayList();
    private final ObservableList<RunColumn> axesView = FXCollections.unmodifiableObservableList(axes);
    private final Map<RunColumn, PlotAxis> laidOut = new HashMap<>();
    private final Map<RunColumn, Brush> brushes = new LinkedHashMap<>();
    private final ObservableList<RunSummary> brushed = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> brushedView = FXCollections.unmodifiableObservableList(brushed);
    private final ReadOnlyObjectWrapper<Data> data = new ReadOnlyObjectWrapper<>(this, "data");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    ParallelCoordinatesViewModel(List<RunSummary> runs) {
        this.runs = List.copyOf(runs);
        List<RunColumn> all = PlotColumns.of(this.runs).stream()
                .filter(c -> c.kind() == RunColumn.Kind.PARAM || c.kind() == RunColumn.Kind.METRIC).toList();
        this.columns = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(all));
        List<RunColumn> differing = PlotColumns.differing(all, this.runs);
        List<RunColumn> params = differing.stream().filter(c -> c.kind() == RunColumn.Kind.PARAM).toList();
        List<RunColumn> metrics = all.stream().filter(c -> c.kind() == RunColumn.Kind.METRIC).toList();
        axes.setAll(Stream.concat(params.stream(), metrics.stream()).limit(DEFAULT_AXES).toList());
        brushed.setAll(this.runs);
        redraw();
    }

    /** The runs drawn, in the order {@link Data#kept()} uses. */
    public List<RunSummary> runs() {
        return runs;
    }

    /** The params and metrics that can be axes. */
    public ObservableList<RunColumn> columns() {
        return columns;
    }

    /** The chosen axes, left to right. */
    public ObservableList<RunColumn> axes() {
        return axesView;
    }

    public ReadOnlyObjectProperty<Data> dataProperty() {
        return data.getReadOnlyProperty();
    }

    /** The runs inside every brush as of the last finished brush; all runs when there is none. */
    public ObservableList<RunSummary> brushedRuns() {
        return brushedView;
    }

    /** "12 of 40 runs inside the brushes", or how to brush. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Adds {@code column} as the rightmost axis, or removes it (and its brush). */
    public void setAxisShown(RunColumn column, boolean shown) {
        if (shown && !axes.contains(column) && columns.contains(column)) {
            axes.add(column);
            redraw();
        } else if (!shown && axes.remove(column)) {
            boolean hadBrush = brushes.remove(column) != null;
            redraw();
            if (hadBrush) {
                publish();
            }
        }
    }

    /** Draws a brush being dragged on axis {@code axis}; the comparison's runs wait for {@link #brush}. */
    public void previewBrush(int axis, double from, double to) {
        brushes.put(axes.get(axis), new Brush(from, to));
        redraw();
    }

    /** Sets the brush of axis {@code axis} and filters the comparison to the runs inside every brush. */
    public void brush(int axis, double from, double to) {
        previewBrush(axis, from, to);
        publish();
    }

    /** Removes the brush of axis {@code axis} (a double-click on it). */
    public void clearBrush(int axis) {
        if (brushes.remove(axes.get(axis)) != null) {
            redraw();
            publish();
        }
    }

    public void clearBrushes() {
        if (!brushes.isEmpty()) {
            brushes.clear();
            redraw();
            publish();
        }
    }

    /** Whether a run (by position in {@link #runs()}) lies inside every brush; a run without a value on a brushed axis does not. */
    boolean inside(int run) {
        for (Map.Entry<RunColumn, Brush> brush : brushes.entrySet()) {
            double position = axis(brush.getKey()).position(run);
            if (Double.isNaN(position) || !brush.getValue().contains(position)) {
                return false;
            }
        }
        return true;
    }

    private PlotAxis axis(RunColumn column) {
        return laidOut.computeIfAbsent(column, c -> PlotAxis.of(c, runs));
    }

    private void redraw() {
        List<PlotAxis> shown = axes.stream().map(this::axis).toList();
        List<Brush> perAxis = axes.stream().map(brushes::get).toList();
        boolean[] kept = new boolean[runs.size()];
        int count = 0;
        for (int i = 0; i < kept.length; i++) {
            kept[i] = inside(i);
            count += kept[i] ? 1 : 0;
        }
        data.set(new Data(shown, perAxis, kept, count));
        status.set(axes.isEmpty() ? "Choose the axes to draw."
                : brushes.isEmpty() ? "Drag along an axis to keep only the runs in that range; double-click a range to clear it."
                : String.format("%d of %d runs inside the brushes", count, runs.size()));
    }

    private void publish() {
        Data now = data.get();
        List<RunSummary> kept = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (now.kept()[i]) {
                kept.add(runs.get(i));
            }
        }
        if (!kept.equals(brushed)) {
            brushed.setAll(kept);
        }
    }
}
