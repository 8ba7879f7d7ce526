package dev.braid.security.scan;

import java.util.List;

/** Which kind of zip an archive is, from its member names (its members are scanned the same way whatever it is). */
final class ZipKinds {
    private ZipKinds() {
    }

    static FileFormat kind(List<String> names) {
        if (names.contains("config.json") && (names.contains("metadata.json") || names.contains("model.weights.h5"))) {
            return FileFormat.KERAS;
        }
        if (names.contains("schema.json")) {
            return FileFormat.SKOPS; // skops.io: schema.json plus .npy arrays
        }
        // torch.save writes <any folder>/data.pkl, <folder>/data/<n> and a version record.
        boolean torch = names.stream().anyMatch(n -> n.equals("data.pkl") || n.endsWith("/data.pkl"))
                || names.stream().anyMatch(n -> n.endsWith("/.data/version") || n.endsWith("/.data/serialization_id"));
        if (torch) {
            return FileFormat.PYTORCH_ZIP;
        }
        boolean files = names.stream().anyMatch(n -> !n.endsWith("/"));
        if (files && names.stream().filter(n -> !n.endsWith("/")).allMatch(n -> n.endsWith(".npy"))) {
            return FileFormat.NUMPY_ZIP;
        }
        return FileFormat.ZIP;
    }
}
