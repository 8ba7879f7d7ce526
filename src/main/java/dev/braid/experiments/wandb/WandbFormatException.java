package dev.braid.experiments.wandb;

/** A W&B run folder or {@code .wandb} log that cannot be read, with the file and offset at fault. */
public final class WandbFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public WandbFormatException(String message) {
        super(message);
    }

    public WandbFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
