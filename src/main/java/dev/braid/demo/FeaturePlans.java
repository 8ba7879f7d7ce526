package dev.braid.demo;

import java.util.List;

/** The features the demo team builds, in the order they are started. */
final class FeaturePlans {
    private FeaturePlans() {
    }

    static List<FeaturePlan> all() {
        return List.of(
                new FeaturePlan("activity-features", Author.RAVI, List.of(
                        new Step("Add visit count and duration features", s -> {
                            addFeature(s, "visits_30d");
                            addFeature(s, "avg_visit_minutes");
                            s.put("owner.customer_activity", Author.RAVI.email());
                        }),
                        new Step("Add days_since_last_login feature", s -> addFeature(s, "days_since_last_login")),
                        new Step("Add tests for activity features", s -> s.bump("test.features")),
                        new Step("Compute visit duration in minutes, not seconds", s -> s.bump("feature.customer_activity.avg_visit_minutes")))),
                new FeaturePlan("github-mirror-ci", Author.TOM, List.of(
                        new Step("CI: run ruff on every push", s -> {
                            s.put("ci.lint", "1");
                            s.put("req.ruff", "0.1.9");
                        }),
                        new Step("CI: cache pip downloads", s -> s.put("ci.cache", "1")),
                        new Step("Fix ruff findings in src/", s -> s.put("lint.line_length", "110")))),
                new FeaturePlan("target-encoding", Author.SOFIA, List.of(
                        new Step("Add target encoder for plan type", s -> {
                            s.put("code.features.target_encoding", "1");
                            addFeature(s, "plan_type_te");
                        }),
                        new Step("Use out-of-fold target encoding to avoid leakage", s -> s.put("code.features.target_encoding", "2")),
                        new Step("Target-encode sales region too", s -> addFeature(s, "region_te")),
                        new Step("Add tests for target encoding", s -> s.bump("test.target_encoding")),
                        new Step("Increase encoder smoothing to 20", s -> s.put("code.features.target_encoding", "3")))),
                new FeaturePlan("lightgbm-model", Author.KENJI, List.of(
                        new Step("Add LightGBM as a model option", s -> {
                            s.put("code.train.lightgbm", "1");
                            s.put("req.lightgbm", "4.1.0");
                        }),
                        new Step("Switch the default model to LightGBM", s -> {
                            s.put("param.train.model", "lightgbm");
                            s.put("param.train.num_leaves", "31");
                        }),
                        new Step("Tune num_leaves for LightGBM", s -> s.put("param.train.num_leaves", "63")),
                        new Step("Add tests for the model factory", s -> s.bump("test.train")))),
                new FeaturePlan("billing-features", Author.RAVI, List.of(
                        new Step("Add monthly spend feature", s -> {
                            addFeature(s, "monthly_spend");
                            s.put("owner.billing", Author.RAVI.email());
                            s.put("ttl.billing", "45");
                        }),
                        new Step("Add 90-day spend trend", s -> addFeature(s, "spend_trend_90d")),
                        new Step("Add late payments in the last 12 months", s -> addFeature(s, "late_payments_12m")),
                        new Step("Clip tenure to avoid division by zero in monthly_spend", s -> s.bump("feature.billing.monthly_spend")))),
                new FeaturePlan("data-validation", Author.TOM, List.of(
                        new Step("Add pandera schema for the raw export", s -> {
                            s.put("stage.validate", "1");
                            s.put("code.validate.schema", "1");
                            s.put("req.pandera", "0.18.0");
                        }),
                        new Step("Validate billing columns as well", s -> s.put("code.validate.schema", "2")),
                        new Step("CI: validate the raw data before training", s -> s.put("ci.validate", "1")),
                        new Step("Fail the pipeline on schema violations", s -> s.put("code.validate.strict", "1")))),
                new FeaturePlan("mlflow-tracking", Author.GRACE, List.of(
                        new Step("Log parameters to MLflow", s -> {
                            s.put("code.train.mlflow", "1");
                            s.put("req.mlflow", "2.9.2");
                        }),
                        new Step("Log the model file as an MLflow artifact", s -> s.put("code.train.mlflow", "2")),
                        new Step("Tag MLflow runs with the git commit", s -> s.put("code.train.mlflow", "3")))),
                new FeaturePlan("early-stopping", Author.KENJI, List.of(
                        new Step("Stop boosting early when validation loss plateaus", s -> {
                            s.put("code.train.early_stopping", "1");
                            s.put("param.train.early_stopping_rounds", "20");
                        }),
                        new Step("Raise n_estimators now that early stopping caps it", s -> s.put("param.train.n_estimators", "800")),
                        new Step("Use 30 early-stopping rounds", s -> s.put("param.train.early_stopping_rounds", "30")))),
                new FeaturePlan("support-features", Author.RAVI, List.of(
                        new Step("Add support ticket volume feature", s -> {
                            addFeature(s, "tickets_90d");
                            s.put("owner.support", Author.GRACE.email());
                        }),
                        new Step("Add average ticket resolution time", s -> addFeature(s, "avg_resolution_hours")),
                        new Step("Add last CSAT score", s -> addFeature(s, "csat_last")),
                        new Step("Fill missing CSAT with the median", s -> s.bump("feature.support.csat_last")))),
                new FeaturePlan("calibration", Author.SOFIA, List.of(
                        new Step("Calibrate probabilities with isotonic regression", s -> s.put("code.train.calibration", "1")),
                        new Step("Lower the decision threshold after calibration", s -> s.put("param.evaluate.threshold", "0.35")),
                        new Step("Add calibration tests", s -> s.bump("test.evaluate")))),
                new FeaturePlan("drift-report", Author.GRACE, List.of(
                        new Step("Add PSI drift report for every feature", s -> s.put("code.evaluate.drift", "1")),
                        new Step("Track drift.json as a DVC metric", s -> s.bump("test.evaluate")),
                        new Step("Document drift thresholds", s -> s.put("doc.metrics", "1")))),
                new FeaturePlan("hyperparam-search", Author.KENJI, List.of(
                        new Step("Add Optuna search over boosting parameters", s -> {
                            s.put("code.search.optuna", "1");
                            s.put("req.optuna", "3.5.0");
                            s.put("param.train.search_trials", "50");
                        }),
                        new Step("Apply the best parameters from the search", s -> {
                            s.put("param.train.learning_rate", "0.04");
                            s.put("param.train.max_depth", "5");
                        }),
                        new Step("Run 100 search trials", s -> s.put("param.train.search_trials", "100")))),
                new FeaturePlan("usage-features", Author.RAVI, List.of(
                        new Step("Add active seat ratio feature", s -> {
                            addFeature(s, "active_seats_ratio");
                            s.put("owner.usage", Author.RAVI.email());
                        }),
                        new Step("Add weekly API call volume", s -> addFeature(s, "api_calls_7d")),
                        new Step("Add feature adoption score", s -> addFeature(s, "feature_adoption_score")),
                        new Step("Shorten the usage feature TTL to 7 days", s -> s.put("ttl.usage", "7")))),
                new FeaturePlan("class-weights", Author.SOFIA, List.of(
                        new Step("Weight classes to handle churn imbalance", s -> s.put("code.train.class_weight", "1")),
                        new Step("Re-tune the threshold with balanced weights", s -> s.put("param.evaluate.threshold", "0.45")))),
                new FeaturePlan("shap-explanations", Author.GRACE, List.of(
                        new Step("Compute SHAP feature importance in evaluate", s -> {
                            s.put("code.evaluate.shap", "1");
                            s.put("req.shap", "0.44.1");
                        }),
                        new Step("Limit SHAP to 2000 rows to keep CI fast", s -> s.bump("test.evaluate")))),
                new FeaturePlan("onnx-export", Author.TOM, List.of(
                        new Step("Export the trained model to ONNX", s -> {
                            s.put("code.train.onnx", "1");
                            s.put("req.skl2onnx", "1.16.0");
                        }),
                        new Step("Add an ONNX round-trip test", s -> s.bump("test.train")))),
                new FeaturePlan("feature-windows", Author.RAVI, List.of(
                        new Step("Make the feature window configurable", s -> {
                            s.put("code.features.window", "1");
                            s.put("param.featurize.window_days", "60");
                        }),
                        new Step("Use a 90-day feature window", s -> s.put("param.featurize.window_days", "90")))));
    }

    private static void addFeature(ProjectState s, String name) {
        s.put(DemoFeature.named(name).factKey(), "1");
    }
}
