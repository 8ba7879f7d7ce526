package dev.braid.features.feast;

import java.util.Locale;

/** The kinds of feature view Feast has, with the names its JSON and its version history use. */
public enum ViewKind {
    BATCH("featureView", "feature_view"),
    STREAM("streamFeatureView", "stream_feature_view"),
    ON_DEMAND("onDemandFeatureView", "on_demand_feature_view");

    private final String jsonType;
    private final String historyType;

    ViewKind(String jsonType, String historyType) {
        this.jsonType = jsonType;
        this.historyType = historyType;
    }

    /** The key of Feast's {@code AnyFeatureView} JSON ({@code featureView}, …). */
    public String jsonType() {
        return jsonType;
    }

    /** The {@code feature_view_type} of a version record ({@code feature_view}, …). */
    public String historyType() {
        return historyType;
    }

    /** Lower-case words for people: {@code batch}, {@code stream}, {@code on-demand}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ViewKind fromJsonType(String type) {
        for (ViewKind kind : values()) {
            if (kind.jsonType.equals(type)) {
                return kind;
            }
        }
        return null;
    }

    public static ViewKind fromHistoryType(String type) {
        for (ViewKind kind : values()) {
            if (kind.historyType.equals(type)) {
                return kind;
            }
        }
        return null;
    }

    public static ViewKind fromLabel(String label) {
        for (ViewKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        return BATCH;
    }
}
