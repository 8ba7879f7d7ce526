package dev.braid.experiments;

/**
 * A dataset a run used: MLflow's dataset identity (name and digest), where it came from, and the
 * context it was used in ({@code mlflow.data.context}, e.g. training).
 */
public record DatasetInput(String name, String digest, String sourceType, String source, String context,
                           String schemaJson, String profile) {
}
