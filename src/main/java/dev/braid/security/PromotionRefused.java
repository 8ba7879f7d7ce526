package dev.braid.security;

/** Setting an alias was refused because the version's scan is not safe and no override was given. */
public final class PromotionRefused extends SecurityException {
    private final ScanState state;

    public PromotionRefused(String message, ScanState state) {
        super(message);
        this.state = state;
    }

    /** What the version's scan said. */
    public ScanState state() {
        return state;
    }
}
