package dev.braid.shell;

import dev.braid.ui.search.SearchResult;

/**
 * A line of the search results: a heading (a kind of thing, with how many were found) or a
 * result under it. Headings cannot be chosen.
 */
public record SearchRow(String heading, SearchResult result) {
    static SearchRow heading(String title) {
        return new SearchRow(title, null);
    }

    static SearchRow of(SearchResult result) {
        return new SearchRow(null, result);
    }

    public boolean isHeading() {
        return result == null;
    }

    @Override
    public String toString() {
        return isHeading() ? heading : result.title() + (result.detail().isEmpty() ? "" : " — " + result.detail());
    }
}
