package dev.braid.artifacts;

/** An Artifactory source that cannot be added or found, with a message for people. */
public final class ArtifactoryException extends Exception {
    public ArtifactoryException(String message) {
        super(message);
    }
}
