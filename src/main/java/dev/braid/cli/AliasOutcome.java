package dev.braid.cli;

import dev.braid.experiments.OutboxEntry;

/** Prints what became of an alias write-back, as {@code runs tag} does, and gives its exit code. */
final class AliasOutcome {
    private AliasOutcome() {
    }

    static int print(CliEnvironment env, OutboxEntry now) {
        switch (now.state()) {
            case SENT -> env.out().println("sent");
            case PENDING -> env.out().println("queued: " + (now.lastError() == null
                    ? "earlier edits of this source are still waiting" : now.lastError()));
            case CONFLICT -> {
                env.err().println("conflict: not sent; " + now.target() + " changed on the server: " + now.lastError()
                        + ". The next sync shows the server's value.");
                return ExitCodes.FAILED;
            }
            case FAILED -> {
                env.err().println("failed: " + now.lastError());
                return ExitCodes.FAILED;
            }
            default -> throw new IllegalStateException("unexpected state " + now.state());
        }
        return ExitCodes.OK;
    }
}
