package dev.braid.repos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers, for the last few (repository, ref, text) filters, which commits they list in which
 * order, so paging through one branch's history costs one reachability query, not one per page.
 * An entry is dropped as soon as a sync publishes new commits for its repository.
 */
final class HistoryIndex {
    private static final int ENTRIES = 8;
    private final CommitStore commits;
    private final Map<Key, CommitStore.ReachableIds> cache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CommitStore.ReachableIds> eldest) {
            return size() > ENTRIES;
        }
    };

    HistoryIndex(CommitStore commits) {
        this.commits = commits;
    }

    List<CommitRow> page(long repoId, String tip, String text, int offset, int limit) {
        CommitStore.ReachableIds ids = idsFor(repoId, tip, text);
        int from = Math.min(Math.max(offset, 0), ids.ids().length);
        int to = (int) Math.min((long) from + Math.max(limit, 0), ids.ids().length);
        return commits.rowsByIds(repoId, ids.ids(), from, to);
    }

    private CommitStore.ReachableIds idsFor(long repoId, String tip, String text) {
        Key key = new Key(repoId, tip, text == null || text.isBlank() ? null : text.strip());
        long watermark = commits.watermark(repoId);
        synchronized (cache) {
            CommitStore.ReachableIds cached = cache.get(key);
            if (cached != null && cached.watermark() == watermark) {
                return cached;
            }
        }
        CommitStore.ReachableIds fresh = commits.reachableIds(repoId, tip, key.text());
        synchronized (cache) {
            cache.put(key, fresh);
        }
        return fresh;
    }

    private record Key(long repoId, String tip, String text) {
        Key {
            Objects.requireNonNull(tip);
        }
    }
}
