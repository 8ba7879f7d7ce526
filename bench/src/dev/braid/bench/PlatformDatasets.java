package dev.braid.bench;

import java.util.List;

/**
 * The datasets of the data platform {@link LineageEventsGenerator} makes up: 8 layers of 300
 * tables spread over object stores, lakehouse storage and databases, named as OpenLineage's naming
 * conventions name them ({@code s3://bucket} and a path, {@code postgres://host:port} and
 * {@code database.schema.table}, {@code bigquery} and {@code project.dataset.table}).
 */
final class PlatformDatasets {
    static final int PER_LAYER = 300;
    private static final String[] STORES = {"s3://acme-lake", "gs://acme-warehouse-eu", "postgres://orders-db.acme.internal:5432",
        "bigquery", "snowflake://acme.eu-west-1", "abfss://curated@acmedata.dfs.core.windows.net", "s3://acme-features",
        "hdfs://namenode.acme.internal:8020"};
    private static final String[] STAGES = {"raw", "staged", "clean", "core", "marts", "features", "training", "reports"};
    private static final String[] TYPES = {"string", "int64", "double", "timestamp", "boolean", "decimal(18,2)"};
    private static final List<String> FIELDS = List.of("id", "customer_id", "amount", "created_at", "status", "region", "score",
            "updated_at");

    private PlatformDatasets() {
    }

    static String namespace(int d) {
        return STORES[(d * 31 + d / PER_LAYER) % STORES.length];
    }

    /** Object stores and lakehouse tables have versions (the writer records one); databases do not. */
    static boolean versioned(int d) {
        String store = namespace(d);
        return store.startsWith("s3") || store.startsWith("gs") || store.startsWith("abfss") || store.startsWith("hdfs");
    }

    static String name(int d) {
        int layer = d / PER_LAYER;
        String store = namespace(d);
        return store.contains("://") && !store.startsWith("postgres") && !store.startsWith("snowflake")
                ? STAGES[layer] + "/domain_" + (d % 17) + "/table_" + d + (layer < 2 ? ".parquet" : "")
                : "analytics." + STAGES[layer] + ".table_" + d;
    }

    static String key(int d) {
        return namespace(d) + "|" + name(d);
    }

    static String field(int d, int f) {
        return FIELDS.get((d + f) % FIELDS.size());
    }

    static String type(int d, int f) {
        return TYPES[(d + f) % TYPES.length];
    }
}
