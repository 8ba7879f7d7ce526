package dev.braid.features;

import dev.braid.testing.FeastRepo;
import dev.braid.testing.GitCli;
import java.util.List;

/**
 * A small fraud-detection feature repository that changes over four commits, each applied with
 * the real Feast: the test scenario of the feature-catalogue tests.
 * <ol>
 *   <li>entities customer and merchant; views customer_stats (avg_amount, tx_count), merchant_risk
 *       (risk_score) and the on-demand amount_per_tx; service fraud_model</li>
 *   <li>customer_stats gains max_amount (Feast: v1); service fraud_model_pinned pins customer_stats@v0</li>
 *   <li>customer_stats: time-to-live 1 day → 7 days and a tag (applied in place, no new Feast
 *       version); merchant_risk.risk_score Float32 → Float64 (v1)</li>
 *   <li>customer_stats drops tx_count (v2); amount_per_tx now divides by max_amount</li>
 * </ol>
 */
final class FraudFeatureRepo {
    static final int STEPS = 4;
    private final FeastRepo repo;
    private final GitCli git;

    FraudFeatureRepo(FeastRepo repo) {
        this.repo = repo;
        this.git = new GitCli(repo.dir());
    }

    FeastRepo repo() {
        return repo;
    }

    GitCli git() {
        return git;
    }

    /** Writes the data and the git repository; nothing applied yet. */
    void prepare() throws Exception {
        repo.parquet("transactions", List.of("customer_id"), List.of("avg_amount", "tx_count", "max_amount"), 24);
        repo.parquet("merchants", List.of("merchant_id"), List.of("risk_score"), 24);
        repo.write(".gitignore", "data/\n");
        git.run("init", "-q");
    }

    /** Writes step {@code step}'s definitions, commits them and applies them; returns the commit. */
    String step(int step) throws Exception {
        repo.write("features.py", definitions(step));
        String sha = git.commitAll(subject(step));
        repo.apply();
        return sha;
    }

    static String subject(int step) {
        return switch (step) {
            case 1 -> "Features: customer and merchant views";
            case 2 -> "Features: max_amount; pinned service for the v0 model";
            case 3 -> "Features: week-long TTL for customer_stats; risk_score as Float64";
            default -> "Features: drop tx_count";
        };
    }

    static String definitions(int step) {
        String customerFields = switch (step) {
            case 1 -> "Field(name=\"avg_amount\", dtype=Float32), Field(name=\"tx_count\", dtype=Float32)";
            case 2, 3 -> "Field(name=\"avg_amount\", dtype=Float32), Field(name=\"tx_count\", dtype=Float32),"
                    + " Field(name=\"max_amount\", dtype=Float32)";
            default -> "Field(name=\"avg_amount\", dtype=Float32), Field(name=\"max_amount\", dtype=Float32)";
        };
        String ttl = step >= 3 ? "timedelta(days=7)" : "timedelta(days=1)";
        String team = step >= 3 ? "fraud" : "risk";
        String riskType = step >= 3 ? "Float64" : "Float32";
        String divisor = step >= 4 ? "inputs[\"max_amount\"] + 1" : "inputs[\"tx_count\"] + 1";
        String pinned = step >= 2 ? """
                fraud_model_pinned = FeatureService(name="fraud_model_pinned",
                    features=["customer_stats@v0:avg_amount", "customer_stats@v0:tx_count"])
                """ : "";
        return """
                from datetime import timedelta
                import pandas as pd
                from feast import Entity, FeatureService, FeatureView, Field, FileSource, ValueType
                from feast.on_demand_feature_view import on_demand_feature_view
                from feast.types import Float32, Float64

                customer = Entity(name="customer", join_keys=["customer_id"], value_type=ValueType.INT64,
                                  description="A card holder")
                merchant = Entity(name="merchant", join_keys=["merchant_id"], value_type=ValueType.INT64)

                transactions = FileSource(name="transactions", path="data/transactions.parquet",
                                          timestamp_field="event_timestamp")
                merchants = FileSource(name="merchants", path="data/merchants.parquet", timestamp_field="event_timestamp")

                customer_stats = FeatureView(
                    name="customer_stats",
                    entities=[customer],
                    ttl=%s,
                    schema=[%s],
                    source=transactions,
                    tags={"team": "%s"},
                    owner="risk@acme.example",
                )

                merchant_risk = FeatureView(
                    name="merchant_risk",
                    entities=[merchant],
                    ttl=timedelta(days=30),
                    schema=[Field(name="risk_score", dtype=%s)],
                    source=merchants,
                    owner="payments@acme.example",
                )


                @on_demand_feature_view(sources=[customer_stats], schema=[Field(name="amount_per_tx", dtype=Float64)],
                                        mode="pandas")
                def amount_per_tx(inputs: pd.DataFrame) -> pd.DataFrame:
                    out = pd.DataFrame()
                    out["amount_per_tx"] = inputs["avg_amount"] / (%s)
                    return out


                fraud_model = FeatureService(name="fraud_model", features=[customer_stats, merchant_risk])
                %s""".formatted(ttl, customerFields, team, riskType, divisor, pinned);
    }
}
