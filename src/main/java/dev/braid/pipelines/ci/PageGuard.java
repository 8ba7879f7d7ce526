package dev.braid.pipelines.ci;

import dev.braid.pipelines.PipelineException;
import java.util.HashSet;
import java.util.Set;

/**
 * Stops a listing whose server keeps sending pages: the same page asked for twice (a next link
 * pointing back) or more pages than any real listing has. Sources get one per listing from
 * {@link CiHttp#pages(String)}, which carries the limit of the source's options.
 */
public final class PageGuard {
    /**
     * Pages one listing may take in normal use: 20,000 pages of 100 is two million runs, far more
     * than any CI or orchestrator history Braid lists, and still bounded. No setting lowers it;
     * only tests pass a smaller limit, to see the refusal without minutes of requests.
     */
    public static final int MAX_PAGES = 20_000;
    private final String what;
    private final int maxPages;
    private final Set<String> asked = new HashSet<>();

    /**
     * @param what     what is listed, for the message ({@code "pipelines of acme/churn"})
     * @param maxPages the most pages read; the request for one more is refused before it is sent
     */
    public PageGuard(String what, int maxPages) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1");
        }
        this.what = what;
        this.maxPages = maxPages;
    }

    /** Records that {@code page} is about to be asked for; throws when that must not happen. */
    public void next(String page) throws PipelineException {
        if (!asked.add(page)) {
            throw PipelineException.permanent("the server sent the same page of " + what + " twice (" + page
                    + "); Braid stopped reading to avoid going round in circles. Nothing from this sync was stored.", null);
        }
        if (asked.size() > maxPages) {
            throw PipelineException.permanent("the server still had more pages of " + what + " after " + maxPages
                    + " pages, the most Braid reads in one listing: it is paging without end, so Braid stopped reading."
                    + " Nothing from this sync was stored.", null);
        }
    }

    /** Pages asked for so far. */
    public int pages() {
        return asked.size();
    }
}
