package dev.braid.experiments;

/**
 * A dataset a run used: MLflow's dataset identity (name and digest), where it came from, and the
 * context it was used in ({@code mlflow.data.context}, e.g. training).
 */
public record DatasetInput(String name, String digest, String sourceType, String source, String context,
                           String schemaJson, String profile) {
    /** What makes two inputs of one run the same row in the cache: name, digest and context. */
    String identity() {
        return name + '\u0000' + digest + '\u0000' + context;
    }
}
