package dev.braid.repos.ui;

import dev.braid.repos.ui.GraphRow.Segment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.TableCell;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * Draws one row of the commit graph on a small canvas. The lane colours come from the stylesheet
 * ({@code -braid-lane-color-0} … {@code -7}), so themes can change them.
 */
final class GraphCell extends TableCell<HistoryItem, HistoryItem> {
    static final double LANE_WIDTH = 14;
    static final double DOT_RADIUS = 4;
    private static final int COLOURS = 8;
    private static final List<CssMetaData<? extends Styleable, ?>> CSS_META_DATA;
    private static final List<CssMetaData<GraphCell, Paint>> LANE_META = new ArrayList<>();

    static {
        for (int i = 0; i < COLOURS; i++) {
            int index = i;
            LANE_META.add(new CssMetaData<>("-braid-lane-color-" + i, StyleConverter.getPaintConverter(), Color.GRAY) {
                @Override
                public boolean isSettable(GraphCell cell) {
                    return !cell.laneColours.get(index).isBound();
                }

                @Override
                public StyleableObjectProperty<Paint> getStyleableProperty(GraphCell cell) {
                    return cell.laneColours.get(index);
                }
            });
        }
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(TableCell.getClassCssMetaData());
        all.addAll(LANE_META);
        CSS_META_DATA = Collections.unmodifiableList(all);
    }

    private final List<StyleableObjectProperty<Paint>> laneColours = new ArrayList<>();
    private final Canvas canvas = new Canvas();
    private final RepositoriesViewModel model;

    GraphCell(RepositoriesViewModel model) {
        this.model = model;
        for (int i = 0; i < COLOURS; i++) {
            SimpleStyleableObjectProperty<Paint> colour = new SimpleStyleableObjectProperty<>(LANE_META.get(i), this,
                    "laneColour" + i, Color.GRAY);
            colour.addListener((obs, old, now) -> draw(getItem()));
            laneColours.add(colour);
        }
        getStyleClass().add("graph-cell");
        setText(null);
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS_META_DATA;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getControlCssMetaData() {
        return CSS_META_DATA;
    }

    @Override
    protected void updateItem(HistoryItem item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        model.rowShown(getIndex());
        setGraphic(canvas);
        draw(item);
    }

    private void draw(HistoryItem item) {
        if (item == null) {
            return;
        }
        GraphRow row = item.graph();
        double height = getTableView() == null || getTableView().getFixedCellSize() <= 0 ? 24 : getTableView().getFixedCellSize();
        canvas.setWidth(row.width() * LANE_WIDTH + 4);
        canvas.setHeight(height);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), height);
        g.setLineWidth(2);
        double mid = height / 2;
        for (Segment segment : row.segments()) {
            g.setStroke(colour(segment.color()));
            switch (segment.part()) {
                case THROUGH -> curve(g, x(segment.from()), 0, x(segment.to()), height);
                case INTO_DOT -> curve(g, x(segment.from()), 0, x(segment.to()), mid);
                case FROM_DOT -> curve(g, x(segment.from()), mid, x(segment.to()), height);
            }
        }
        Paint dot = colour(row.color());
        double cx = x(row.column());
        if (row.merge()) {
            // A ring: clear the lines under it so the row's own background shows through.
            double r = DOT_RADIUS + 1;
            g.save();
            g.beginPath();
            g.arc(cx, mid, r, r, 0, 360);
            g.closePath();
            g.clip();
            g.clearRect(cx - r, mid - r, r * 2, r * 2);
            g.restore();
            g.setStroke(dot);
            g.strokeOval(cx - DOT_RADIUS, mid - DOT_RADIUS, DOT_RADIUS * 2, DOT_RADIUS * 2);
        } else {
            g.setFill(dot);
            g.fillOval(cx - DOT_RADIUS, mid - DOT_RADIUS, DOT_RADIUS * 2, DOT_RADIUS * 2);
        }
    }

    private static void curve(GraphicsContext g, double x1, double y1, double x2, double y2) {
        if (x1 == x2) {
            g.strokeLine(x1, y1, x2, y2);
            return;
        }
        double bend = (y2 - y1) / 2;
        g.beginPath();
        g.moveTo(x1, y1);
        g.bezierCurveTo(x1, y1 + bend, x2, y2 - bend, x2, y2);
        g.stroke();
    }

    private Paint colour(int index) {
        return laneColours.get(Math.floorMod(index, COLOURS)).get();
    }

    private static double x(int lane) {
        return 2 + lane * LANE_WIDTH + LANE_WIDTH / 2;
    }
}
