package dev.braid.lineage.dvc;

/** A {@code dvc.lock}, {@code dvc.yaml} or {@code .dvc} file Braid cannot read; the message names the file. */
public final class DvcFormatException extends Exception {
    public DvcFormatException(String message) {
        super(message);
    }

    public DvcFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
