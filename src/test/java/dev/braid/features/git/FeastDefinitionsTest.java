package dev.braid.features.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.features.feast.ViewField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeastDefinitionsTest {
    private static final String ENTITIES = """
            from feast import Entity, FileSource, ValueType

            customer = Entity(name="customer", join_keys=["customer_id"], value_type=ValueType.INT64)
            transactions = FileSource(
                name="transactions",  # a comment
                path="s3://lake/transactions.parquet",
                timestamp_field="event_timestamp",
            )
            """;
    private static final String VIEWS = """
            from datetime import timedelta
            import pandas as pd
            from feast import FeatureView, Field, RequestSource
            from feast.on_demand_feature_view import on_demand_feature_view
            from feast.types import Array, Float32, Float64, Int64, String
            from entities import customer, transactions

            DESCRIPTION = \"\"\"Spending of a card holder,
            over a day.\"\"\"

            customer_stats = FeatureView(
                name="customer_stats",
                entities=[customer],
                ttl=timedelta(days=1, hours=12),
                schema=[
                    Field(name="avg_amount", dtype=Float32),
                    Field(name="tx_count", dtype=Int64, description='count, "all"'),
                    Field(name="recent", dtype=Array(Float64)),
                ],
                source=transactions,
                tags={"team": "risk", 'tier': "gold"},
                owner="risk@acme.example",
                description=DESCRIPTION,
            )

            generated = [FeatureView(name=f"view_{i}", entities=[], schema=[], source=transactions) for i in range(3)]

            request = RequestSource(name="request", schema=[Field(name="amount", dtype=Float64)])


            @on_demand_feature_view(sources=[customer_stats[["avg_amount"]], request],
                                    schema=[Field(name="ratio", dtype=Float64)], mode="pandas")
            def ratio(inputs: pd.DataFrame) -> pd.DataFrame:
                out = pd.DataFrame()
                out["ratio"] = inputs["amount"] / (inputs["avg_amount"] + 1)
                return out


            if __name__ == "__main__":
                not_a_view = FeatureView(name="hidden", entities=[], schema=[], source=transactions)
            """;

    @Test
    void readsViewsAcrossFilesWithoutRunningThem() {
        List<ParsedView> views = FeastDefinitions.read(Map.of("repo/entities.py", ENTITIES, "repo/views.py", VIEWS));
        assertEquals(List.of("customer_stats", "ratio"), views.stream().map(ParsedView::name).sorted().toList());
        ParsedView stats = views.stream().filter(v -> v.name().equals("customer_stats")).findFirst().orElseThrow();
        assertEquals("batch", stats.kind());
        assertEquals(List.of(new ViewField("avg_amount", "Float32", ""), new ViewField("tx_count", "Int64", ""),
                new ViewField("recent", "Array(Float64)", "")), stats.fields());
        assertEquals(List.of("customer"), stats.entities());
        assertEquals(Long.valueOf(129_600), stats.ttlSeconds());
        assertEquals(Map.of("team", "risk", "tier", "gold"), stats.tags());
        assertEquals("transactions s3://lake/transactions.parquet", stats.source());
        assertEquals("risk@acme.example", stats.owner());
        assertEquals("repo/views.py", stats.file());
        ParsedView ratio = views.stream().filter(v -> v.name().equals("ratio")).findFirst().orElseThrow();
        assertEquals("on-demand", ratio.kind());
        assertEquals(List.of("customer_stats(avg_amount)", "request:request"), ratio.sourceViews());
        assertTrue(!ratio.bodyHash().isEmpty());
    }

    @Test
    void theSchemaIsWhatFeastVersionsOnAndIgnoresOrder() {
        String a = FeastDefinitions.read(Map.of("a.py", VIEWS, "e.py", ENTITIES)).get(0).schema();
        String reordered = VIEWS.replace("""
                    Field(name="avg_amount", dtype=Float32),
                    Field(name="tx_count", dtype=Int64, description='count, "all"'),""", """
                    Field(name="tx_count", dtype=Int64),
                    Field(name="avg_amount", dtype=Float32),""").replace("days=1, hours=12", "days=7");
        List<ParsedView> b = FeastDefinitions.read(Map.of("a.py", reordered, "e.py", ENTITIES));
        assertEquals(a, b.get(0).schema(), "same fields, other order and TTL: same schema");
        assertTrue(!FeastDefinitions.read(Map.of("a.py", VIEWS, "e.py", ENTITIES)).get(0).definition().equals(b.get(0).definition()),
                "the TTL change is in the definition");
    }

    @Test
    void brokenPythonGivesWhatItCanAndNeverFails() {
        String broken = "x = FeatureView(name='ok', schema=[Field(name='a', dtype=Float32)]\ny = (((\n'unterminated\n";
        List<ParsedView> views = FeastDefinitions.read(Map.of("broken.py", broken));
        assertEquals(List.of(), views.stream().filter(v -> !v.name().equals("ok")).toList());
    }
}
