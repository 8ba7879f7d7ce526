package dev.braid.sync;

import java.nio.file.Path;
import java.util.List;

/**
 * What removing a source took away (or, before confirming, would take away).
 *
 * @param cached          phrases such as "1,204 commits" or "312 lineage edges"
 * @param files           files and folders under the data folder that go with it
 * @param fileProblems    files that could not be deleted (the cache is already clean); empty when all went
 */
public record SourceRemoval(Source source, List<String> cached, List<Path> files, List<String> fileProblems) {
    public SourceRemoval {
        cached = List.copyOf(cached);
        files = List.copyOf(files);
        fileProblems = List.copyOf(fileProblems);
    }

    /** "1,204 commits, 312 lineage edges", or "nothing cached yet". */
    public String summary() {
        return cached.isEmpty() ? "nothing cached yet" : String.join(", ", cached);
    }
}
