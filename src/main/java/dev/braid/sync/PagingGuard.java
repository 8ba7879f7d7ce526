package dev.braid.sync;

import java.util.HashSet;
import java.util.Set;

/**
 * Stops a listing that would page forever. A remote that answers every page with a "next page"
 * token, or hands out a token it gave before, would otherwise keep a sync reading (and holding
 * what it read) until memory runs out. One guard per listing:
 *
 * <pre>{@code
 * PagingGuard pages = PagingGuard.standard("MLflow runs/search at " + address);
 * String token = null;
 * do {
 *     Page page = fetch(token);
 *     ...
 *     token = pages.next(page.nextToken());   // throws when the listing goes round in circles
 * } while (token != null);
 * }</pre>
 *
 * A blank token ends the listing, as most APIs mean it. Not thread-safe: one listing, one thread.
 */
public final class PagingGuard {
    /**
     * Pages one listing may take: 10,000 pages of 100 items is a million, far beyond what any
     * source Braid reads lists at once, and still only seconds of requests before giving up.
     */
    public static final int STANDARD_MAX_PAGES = 10_000;
    private final String listing;
    private final int maxPages;
    private final Set<String> seen = new HashSet<>();
    private int pages;

    /**
     * @param listing  what is being listed, for the message ({@code "GitLab pipelines of group/project"})
     * @param maxPages the most pages this listing may take
     */
    public PagingGuard(String listing, int maxPages) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1");
        }
        this.listing = listing;
        this.maxPages = maxPages;
    }

    /** A guard allowing {@link #STANDARD_MAX_PAGES} pages. */
    public static PagingGuard standard(String listing) {
        return new PagingGuard(listing, STANDARD_MAX_PAGES);
    }

    /**
     * Records that a page was read and checks the token it named for the next one.
     *
     * @param token the next page's token as the remote gave it; null or blank when there is none
     * @return the token to ask with next, or null when the listing is complete
     * @throws MisbehavingRemoteException when the token was given before (the remote would send
     *     the same pages again, for ever) or when the listing passed its page limit
     */
    public String next(String token) {
        pages++;
        if (token == null || token.isBlank()) {
            return null;
        }
        if (!seen.add(token)) {
            throw new MisbehavingRemoteException(listing + " handed out the page token \"" + shorten(token)
                    + "\" a second time (after " + pages + " pages): it would send the same pages for ever, so Braid"
                    + " stopped reading. Nothing from this listing was stored.");
        }
        if (pages >= maxPages) {
            throw new MisbehavingRemoteException(listing + " still had more pages after " + pages + " pages, the most"
                    + " Braid reads in one listing: the server is paging without end, so Braid stopped reading."
                    + " Nothing from this listing was stored.");
        }
        return token;
    }

    /** Pages read so far. */
    public int pages() {
        return pages;
    }

    private static String shorten(String token) {
        return token.length() <= 40 ? token : token.substring(0, 37) + "...";
    }
}
