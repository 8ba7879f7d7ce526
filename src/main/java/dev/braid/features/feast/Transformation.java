package dev.braid.features.feast;

/**
 * A feature view's transformation: the mode ({@code pandas}, {@code python}, {@code sql}…), the
 * function's name and the SHA-256 of its source text (or of its serialized body when Feast kept no
 * text), so two versions compare without holding every body.
 */
public record Transformation(String mode, String function, String bodyHash) {
    public Transformation {
        mode = mode == null ? "" : mode;
        function = function == null ? "" : function;
        bodyHash = bodyHash == null ? "" : bodyHash;
    }

    public boolean blank() {
        return mode.isEmpty() && function.isEmpty() && bodyHash.isEmpty();
    }
}
