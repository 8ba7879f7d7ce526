package dev.braid.sync;

import java.io.IOException;

/**
 * A remote's answer was larger than the cap it was read under ({@link CappedBody}); reading
 * stopped there. An {@link IOException} so that it travels through the JDK's HTTP client like
 * any failed read; the sync engine reports it as permanent (the same request would bring the same
 * body again).
 */
public final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    public BodyTooLargeException(String message, long limit) {
        super(message);
        this.limit = limit;
    }

    /** The cap, in bytes. */
    public long limit() {
        return limit;
    }

    /** The nearest {@link BodyTooLargeException} in {@code error}'s causes, or null. */
    public static BodyTooLargeException find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException b) {
                return b;
            }
        }
        return null;
    }
}
