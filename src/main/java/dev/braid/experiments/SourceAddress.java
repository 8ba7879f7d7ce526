package dev.braid.experiments;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks the address of an MLflow source and derives a default name from it. */
final class SourceAddress {
    private SourceAddress() {
    }

    static URI parse(String text) throws ExperimentException {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new ExperimentException("give the address of an MLflow tracking server, e.g. http://127.0.0.1:5000");
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sqlite:") || lower.startsWith("file:") || !lower.contains("://")) {
            // Local stores are recognised by LocalStoreAddress before this is called.
            throw new ExperimentException("not an MLflow address: " + trimmed + "; give http(s)://host:port,"
                    + " sqlite:///…/mlflow.db or the path of an mlruns folder");
        }
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new ExperimentException("unsupported MLflow address " + trimmed + ": use http:// or https://");
        }
        try {
            URI uri = new URI(trimmed);
            if (uri.getHost() == null) {
                throw new ExperimentException("the address " + trimmed + " names no host");
            }
            if (uri.getUserInfo() != null) {
                throw new ExperimentException("do not put credentials in the address; use --username with"
                        + " --password-env, or --token-env");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ExperimentException("not a valid address: " + trimmed + " (" + e.getReason() + ")", e);
        }
    }

    static String deriveName(URI uri) {
        String name = "mlflow-" + uri.getHost() + (uri.getPort() > 0 ? "-" + uri.getPort() : "");
        return name.replaceAll("[^\\w.-]", "-");
    }
}
