package dev.braid.sync;

/**
 * A remote answered in a way no correct server does (a page token repeated, pages without end).
 * Unchecked, so that it passes through any client's own exception types to the sync engine,
 * which reports it as a permanent failure: retrying would only repeat it.
 */
public final class MisbehavingRemoteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MisbehavingRemoteException(String message) {
        super(message);
    }
}
