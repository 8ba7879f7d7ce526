package dev.braid.security;

import dev.braid.experiments.ExperimentService;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeFacts;
import dev.braid.lineage.NodeKind;
import dev.braid.sync.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The scan verdict of a lineage node for the explorer's details panel: a model version's last
 * scan and whether setting an alias on it needs an override; the scanned files of a run, an
 * artifact path or a DVC data version.
 */
public final class LineageVerdicts implements NodeFacts {
    private final ScanService scans;
    private final ExperimentService experiments;

    public LineageVerdicts(ScanService scans, ExperimentService experiments) {
        this.scans = scans;
        this.experiments = experiments;
    }

    @Override
    public List<Fact> facts(LineageNode node) {
        Map<String, Long> sources = experiments.sources().stream().collect(Collectors.toMap(Source::name, Source::id,
                (a, b) -> a));
        List<Fact> out = new ArrayList<>();
        scans.nodeScan(node.id(), sources).ifPresentOrElse(scan -> {
            out.add(new Fact("Scan", scan.rating().word() + (scan.current() ? "" : " (older policy; scan again)") + " · "
                    + scan.summary()));
            if (node.kind().equals(NodeKind.MODEL_VERSION)) {
                boolean safe = scan.current() && scan.rating() == dev.braid.security.scan.Rating.SAFE;
                out.add(new Fact("Promotion", safe ? "allowed" : "needs an explicit override"));
            }
        }, () -> {
            if (node.kind().equals(NodeKind.MODEL_VERSION)) {
                out.add(new Fact("Scan", "not scanned"));
                out.add(new Fact("Promotion", "needs a scan, or an explicit override"));
            }
        });
        return out;
    }
}
