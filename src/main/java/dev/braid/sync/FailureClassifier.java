package dev.braid.sync;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/** Turns whatever a syncer threw into a {@link SyncFailure} that says whether to retry. */
final class FailureClassifier {
    private FailureClassifier() {
    }

    static SyncFailure classify(Throwable error) {
        if (error instanceof SyncFailure failure) {
            return failure;
        }
        if (BodyTooLargeException.find(error) != null) {
            // The same request would bring the same body again: retrying cannot help.
            return SyncFailure.permanent(describe(error), error);
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return SyncFailure.transientFailure(describe(error), error);
            }
        }
        if (error instanceof IOException) {
            return SyncFailure.transientFailure(describe(error), error);
        }
        return SyncFailure.permanent(describe(error), error);
    }

    /** The failure in plain words, for the sync log and the status bar (never a class name). */
    static String describe(Throwable error) {
        return PlainErrors.describe(error);
    }
}
