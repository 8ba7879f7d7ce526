package dev.braid.sync;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Failures in words a person understands. The JDK's network and file exceptions often carry no
 * message, or one that only makes sense next to their class name ({@code ConnectException} with
 * "Connection refused", or nothing at all); what Braid shows, in the window and on the command
 * line, is what happened and what it usually means, never a Java class name.
 */
public final class PlainErrors {
    /** "java.net.ConnectException: " and the like, at the start of a message or after a colon. */
    private static final Pattern CLASS_PREFIX = Pattern.compile(
            "(?:^|(?<=: ))(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*|$)");

    private PlainErrors() {
    }

    /** What went wrong, in plain words; never empty and never a class name. */
    public static String describe(Throwable error) {
        if (error == null) {
            return "an unexpected problem (details are in the log)";
        }
        String known = known(error);
        if (known != null) {
            return known;
        }
        String message = clean(error.getMessage());
        if (!message.isEmpty()) {
            return message;
        }
        Throwable cause = error.getCause();
        return cause != null && cause != error ? describe(cause) : "an unexpected problem (details are in the log)";
    }

    /** The words for the JDK's low-level failures, or null for everything else. */
    private static String known(Throwable error) {
        String message = clean(error.getMessage());
        if (error instanceof ConnectException || error instanceof PortUnreachableException) {
            return message.toLowerCase(java.util.Locale.ROOT).contains("timed out")
                    ? "the connection timed out (the host may be down or a firewall may drop it)"
                    : "the connection was refused (nothing is listening at that address and port, or a firewall blocks it)";
        }
        if (error instanceof HttpConnectTimeoutException) {
            return "the connection timed out (the host may be down or a firewall may drop it)";
        }
        if (error instanceof UnknownHostException) {
            return "the host name " + (message.isEmpty() ? "" : message + " ")
                    + "is unknown (check the address and the network connection)";
        }
        if (error instanceof NoRouteToHostException) {
            return "there is no route to the host (the network is down or the host is unreachable)";
        }
        if (error instanceof SocketTimeoutException || error instanceof HttpTimeoutException) {
            return "the server did not answer in time";
        }
        if (error instanceof SSLException) {
            return "a secure (TLS) connection could not be set up" + (message.isEmpty() ? "" : ": " + message);
        }
        if (error instanceof EOFException || error instanceof ClosedChannelException) {
            return "the connection closed before the answer was complete";
        }
        if (error instanceof NoSuchFileException) {
            return "no such file or folder: " + message;
        }
        if (error instanceof AccessDeniedException) {
            return "permission denied: " + message;
        }
        if (error instanceof FileAlreadyExistsException) {
            return "already exists: " + message;
        }
        if (error instanceof NotDirectoryException) {
            return "not a folder: " + message;
        }
        if (error instanceof FileNotFoundException) {
            return message.isEmpty() ? "a file could not be found" : "cannot open " + message;
        }
        if (error instanceof OutOfMemoryError) {
            return "Braid ran out of memory";
        }
        if (message.isEmpty() && error.getCause() == null) {
            return switch (error.getClass().getSimpleName()) {
                case "NullPointerException", "IllegalStateException", "IllegalArgumentException",
                        "ArrayIndexOutOfBoundsException", "ClassCastException" ->
                        "an internal error in Braid (details are in the log)";
                case "InterruptedException", "CancellationException" -> "it was stopped before it finished";
                default -> null;
            };
        }
        return null;
    }

    /** {@code message} without class-name prefixes such as {@code java.io.IOException: }; empty for null. */
    static String clean(String message) {
        if (message == null) {
            return "";
        }
        return CLASS_PREFIX.matcher(message.strip()).replaceAll("").strip();
    }
}
