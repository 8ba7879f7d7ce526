package dev.braid.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.lineage.DatasetIdentity.DatasetName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The stored data a W&B artifact version references (ADR 23 and ADR 8): each manifest entry with
 * a {@code ref} ({@code s3://bucket/key}, {@code gs://…}, {@code file:///…}, an http(s) URL) names
 * a dataset by its storage location, normalised as every other source's locations are, so it is
 * the node DVC, MLflow or OpenLineage name by the same path. A reference to a folder reaches W&B
 * as one entry per object beneath it, so the folder itself (the entries' longest common parent)
 * is named too: that is how a DVC output or an OpenLineage dataset naming the folder is met.
 * At most {@value #MAX_PER_VERSION} objects are named per version; the folder is always named.
 */
final class WandbReferences {
    static final int MAX_PER_VERSION = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WandbReferences() {
    }

    /** The datasets the manifest files ({@code wandb_run_artifacts.files}, JSON) reference; none when unreadable. */
    static List<DatasetName> datasets(String filesJson) {
        List<String> refs = new ArrayList<>();
        try {
            for (JsonNode file : JSON.readTree(filesJson == null ? "[]" : filesJson)) {
                String ref = file.path("ref").asText("");
                if (!ref.isBlank() && ref.contains(":")) {
                    refs.add(ref.strip());
                }
            }
        } catch (IOException e) {
            return List.of(); // a hand-edited cache row: no references
        }
        Set<DatasetName> out = new LinkedHashSet<>();
        for (String ref : refs) {
            if (out.size() >= MAX_PER_VERSION) {
                break;
            }
            DatasetName name = parse(ref);
            if (name != null) {
                out.add(name);
            }
        }
        if (refs.size() > 1) {
            String folder = commonFolder(refs);
            DatasetName name = folder == null ? null : parse(folder);
            if (name != null) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }

    private static DatasetName parse(String ref) {
        try {
            return DatasetIdentity.fromUri(ref);
        } catch (IllegalArgumentException e) {
            return null; // a reference Braid cannot name (a scheme without a path): left out
        }
    }

    /** The longest common parent of the references, ending at a '/' past the authority, or null. */
    static String commonFolder(List<String> refs) {
        String prefix = refs.get(0);
        for (String ref : refs) {
            int n = 0;
            while (n < prefix.length() && n < ref.length() && prefix.charAt(n) == ref.charAt(n)) {
                n++;
            }
            prefix = prefix.substring(0, n);
        }
        int slash = prefix.lastIndexOf('/');
        int schemeEnd = prefix.indexOf("://");
        int pathStart = schemeEnd < 0 ? -1 : prefix.indexOf('/', schemeEnd + 3);
        if (slash < 0 || pathStart < 0 || slash <= pathStart) {
            return null; // the references share no folder below the bucket or host
        }
        return prefix.substring(0, slash);
    }
}
