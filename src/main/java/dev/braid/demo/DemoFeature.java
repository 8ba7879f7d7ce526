package dev.braid.demo;

import java.util.List;

/** A feature the demo project computes: its group (one {@code features/<group>.yaml}), type and formula. */
record DemoFeature(String group, String name, String dtype, String description, String expression) {

    static final List<DemoFeature> ALL = List.of(
            new DemoFeature("account", "tenure_months", "int64",
                    "Months since the account was created", "df[\"tenure_months\"]"),
            new DemoFeature("account", "seats", "int64",
                    "Purchased seats on the current plan", "df[\"seats\"]"),
            new DemoFeature("customer_activity", "visits_30d", "int64",
                    "Number of visits in the last 30 days", "df.groupby(\"customer_id\")[\"visit_id\"].transform(\"nunique\")"),
            new DemoFeature("customer_activity", "avg_visit_minutes", "float64",
                    "Mean visit length in minutes", "df[\"visit_seconds\"].groupby(df[\"customer_id\"]).transform(\"mean\") / 60"),
            new DemoFeature("customer_activity", "days_since_last_login", "int64",
                    "Days between the last login and the snapshot date", "(df[\"snapshot_date\"] - df[\"last_login\"]).dt.days"),
            new DemoFeature("billing", "monthly_spend", "float64",
                    "Average invoiced amount per month", "df[\"invoice_total\"] / df[\"tenure_months\"].clip(lower=1)"),
            new DemoFeature("billing", "spend_trend_90d", "float64",
                    "Slope of spend over the last 90 days", "df[\"spend_90d\"] - df[\"spend_prev_90d\"]"),
            new DemoFeature("billing", "late_payments_12m", "int64",
                    "Late payments in the last 12 months", "df[\"late_payment_count_12m\"].fillna(0).astype(\"int64\")"),
            new DemoFeature("support", "tickets_90d", "int64",
                    "Support tickets opened in the last 90 days", "df[\"tickets_90d\"].fillna(0).astype(\"int64\")"),
            new DemoFeature("support", "avg_resolution_hours", "float64",
                    "Mean time to resolve a ticket, in hours", "df[\"resolution_seconds\"].groupby(df[\"customer_id\"]).transform(\"mean\") / 3600"),
            new DemoFeature("support", "csat_last", "float64",
                    "Most recent satisfaction score (1-5)", "df[\"csat\"].fillna(df[\"csat\"].median())"),
            new DemoFeature("usage", "active_seats_ratio", "float64",
                    "Active seats divided by purchased seats", "df[\"active_seats\"] / df[\"seats\"].clip(lower=1)"),
            new DemoFeature("usage", "api_calls_7d", "int64",
                    "API calls in the last 7 days", "df[\"api_calls_7d\"].fillna(0).astype(\"int64\")"),
            new DemoFeature("usage", "feature_adoption_score", "float64",
                    "Share of product modules used in the last 30 days", "df[\"modules_used_30d\"] / 12"),
            new DemoFeature("categorical", "plan_type_te", "float64",
                    "Target-encoded subscription plan", "encode_target(df, \"plan_type\")"),
            new DemoFeature("categorical", "region_te", "float64",
                    "Target-encoded sales region", "encode_target(df, \"region\")"));

    static DemoFeature named(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no feature " + name));
    }

    /** The fact that says this feature exists; its value is the feature's definition version. */
    String factKey() {
        return "feature." + group + "." + name;
    }
}
