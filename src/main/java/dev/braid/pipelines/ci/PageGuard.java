package dev.braid.pipelines.ci;

import dev.braid.pipelines.PipelineException;
import java.util.HashSet;
import java.util.Set;

/**
 * Stops a listing whose server keeps sending pages: the same page asked for twice (a next link
 * pointing back) or more pages than any real listing has.
 */
public final class PageGuard {
    static final int MAX_PAGES = 20_000;
    private final String what;
    private final Set<String> asked = new HashSet<>();

    public PageGuard(String what) {
        this.what = what;
    }

    public void next(String page) throws PipelineException {
        if (!asked.add(page)) {
            throw PipelineException.permanent("the server sent the same page of " + what + " twice (" + page
                    + "); Braid stopped reading to avoid going round in circles.", null);
        }
        if (asked.size() > MAX_PAGES) {
            throw PipelineException.permanent("the server sent more than " + MAX_PAGES + " pages of " + what
                    + "; Braid stopped reading.", null);
        }
    }
}
