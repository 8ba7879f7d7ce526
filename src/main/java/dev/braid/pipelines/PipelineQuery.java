package dev.braid.pipelines;

import java.time.Instant;
import java.util.List;

/**
 * Which cached runs to list, in what order, and which page of them.
 *
 * @param sources   source names; empty for all
 * @param kinds     source kinds ({@code gitlab}, {@code github}…); empty for all
 * @param branch    the ref, exactly; null for any
 * @param statuses  Braid statuses; empty for any
 * @param sha       a commit hash or its prefix (4+ characters); null for any
 * @param from      created at or after; null for no bound
 * @param to        created before; null for no bound
 * @param sort      the column to order by; ties end in the run's key so pages never overlap
 * @param limit     at most this many runs; 0 for all
 */
public record PipelineQuery(List<String> sources, List<String> kinds, String branch, List<PipelineStatus> statuses,
                            String sha, Instant from, Instant to, Sort sort, boolean ascending, int offset, int limit) {
    public PipelineQuery {
        sources = sources == null ? List.of() : List.copyOf(sources);
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        sort = sort == null ? Sort.CREATED : sort;
        branch = branch == null || branch.isBlank() ? null : branch.strip();
        sha = sha == null || sha.isBlank() ? null : sha.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** Every run, newest first. */
    public static PipelineQuery all() {
        return new PipelineQuery(List.of(), List.of(), null, List.of(), null, null, null, Sort.CREATED, false, 0, 0);
    }

    public PipelineQuery page(int pageOffset, int pageLimit) {
        return new PipelineQuery(sources, kinds, branch, statuses, sha, from, to, sort, ascending, pageOffset, pageLimit);
    }

    public PipelineQuery sorted(Sort by, boolean asc) {
        return new PipelineQuery(sources, kinds, branch, statuses, sha, from, to, by, asc, offset, limit);
    }

    /** The columns runs can be ordered by. */
    public enum Sort {
        CREATED("r.created_at"), STARTED("r.started_at"), DURATION("r.duration_ms"), QUEUED("r.queued_ms"),
        STATUS("r.status"), SOURCE("s.name"), REF("r.ref"), NUMBER("r.number"), JOBS("r.jobs_failed"), KIND("s.kind"),
        PIPELINE("r.pipeline");

        final String column;

        Sort(String column) {
            this.column = column;
        }
    }
}
