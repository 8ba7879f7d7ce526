package dev.braid.experiments.ui;

/**
 * What the Models tab should show when it is opened from elsewhere: one version of a registered
 * model ({@code modelName} and {@code version}), or one logged model ({@code loggedModelId}).
 */
public record RegistryFocus(long sourceId, String modelName, String version, String loggedModelId) {
    public static RegistryFocus version(long sourceId, String modelName, String version) {
        return new RegistryFocus(sourceId, modelName, version, null);
    }

    public static RegistryFocus loggedModel(long sourceId, String loggedModelId) {
        return new RegistryFocus(sourceId, null, null, loggedModelId);
    }
}
