package dev.braid.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Ends the process when the JVM runs out of memory in any thread. After an out-of-memory error
 * nothing can be trusted: the JDK's HTTP client loses the threads that complete its requests (a
 * sync would then wait for ever), and with the heap full the JVM cannot even dispatch SIGTERM
 * ("OutOfMemoryError occurred dispatching signal SIGTERM to handler"), which leaves a process
 * that neither works nor stops. So the first such error that reaches a thread's end halts the
 * process with exit code {@value #EXIT_CODE}, after one line on stderr. The packaged launcher
 * also runs with {@code -XX:+ExitOnOutOfMemoryError}, which covers errors some library catches;
 * this covers {@code java -jar braid.jar}.
 *
 * <p>The handler allocates nothing it has not made in advance: it runs when there is no memory
 * left, so it is a plain class (a lambda's first call allocates), its message is encoded ahead,
 * and it frees a reserve before writing.
 */
public final class FatalErrors {
    /** The exit code after running out of memory. */
    public static final int EXIT_CODE = 3;
    private static final byte[] MESSAGE = ("braid: out of memory; stopping." + System.lineSeparator())
            .getBytes(StandardCharsets.UTF_8);
    private static final int RESERVE_BYTES = 1 << 20;

    private FatalErrors() {
    }

    /** Installs the handler for threads that have none of their own; earlier handlers still see other errors. */
    public static void install() {
        if (!(Thread.getDefaultUncaughtExceptionHandler() instanceof Handler)) {
            Thread.setDefaultUncaughtExceptionHandler(new Handler(Thread.getDefaultUncaughtExceptionHandler(), System.err));
        }
    }

    /** Writes the line and halts; for a thread that caught the error itself (the command's own). */
    public static void halt() {
        stop(System.err);
    }

    /** Whether {@code error}, or what caused it, is running out of memory. */
    public static boolean isFatal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static void stop(PrintStream err) {
        try {
            err.write(MESSAGE, 0, MESSAGE.length);
            err.flush();
        } catch (Throwable ignored) {
            // Not even the line could be written; halting matters more.
        } finally {
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }

    private static final class Handler implements Thread.UncaughtExceptionHandler {
        private final Thread.UncaughtExceptionHandler previous;
        private final PrintStream err;
        private byte[] reserve = new byte[RESERVE_BYTES];

        Handler(Thread.UncaughtExceptionHandler previous, PrintStream err) {
            this.previous = previous;
            this.err = err;
            // Links this path now, while there is memory to do it.
            isFatal(new IllegalStateException());
        }

        @Override
        public void uncaughtException(Thread thread, Throwable error) {
            if (isFatal(error)) {
                reserve = null;
                stop(err);
            }
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                thread.getThreadGroup().uncaughtException(thread, error);
            }
        }
    }
}
