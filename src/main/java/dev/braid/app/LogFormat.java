package dev.braid.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.function.UnaryOperator;
import java.util.logging.LogRecord;

/**
 * One line per record ({@code 2026-11-28 17:12:09.123 WARNING [thread] logger: message}), the
 * stack trace after it in the files; every line passes through {@link LogRedactor}.
 */
final class LogFormat extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private final boolean detailed;
    private volatile UnaryOperator<String> secrets = UnaryOperator.identity();

    LogFormat(boolean detailed) {
        this.detailed = detailed;
    }

    /** Masks the secrets Braid has read in every line from now on (see {@link dev.braid.sync.Secrets}). */
    void maskWith(UnaryOperator<String> masker) {
        this.secrets = masker;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder();
        if (detailed) {
            line.append(TIME.format(record.getInstant())).append(' ')
                    .append(record.getLevel().getName()).append(" [")
                    .append(Thread.currentThread().getName()).append("] ")
                    .append(record.getLoggerName()).append(": ");
        } else {
            line.append("braid: ").append(record.getLevel().getLocalizedName().toLowerCase()).append(": ");
        }
        line.append(formatMessage(record)).append(System.lineSeparator());
        if (record.getThrown() != null) {
            if (detailed) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            } else {
                line.append("  ").append(record.getThrown()).append(System.lineSeparator());
            }
        }
        return LogRedactor.redact(secrets.apply(line.toString()));
    }
}
