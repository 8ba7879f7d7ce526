package dev.braid.security.bom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.braid.experiments.LatestMetric;
import dev.braid.experiments.RunDetail;
import dev.braid.lineage.InheritedLabel;
import dev.braid.security.FileScan;
import dev.braid.security.ModelVersions;
import dev.braid.security.VersionRef;
import dev.braid.security.VersionScan;
import dev.braid.security.env.Environment;
import dev.braid.security.env.Requirement;
import dev.braid.security.scan.ImportReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cyclonedx.model.Commit;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Pedigree;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.ModelCard;
import org.cyclonedx.model.component.data.DatasetChoice;
import org.cyclonedx.model.component.modelCard.ModelParameters;
import org.cyclonedx.model.component.modelCard.PerformanceMetric;
import org.cyclonedx.model.component.modelCard.QuantitativeAnalysis;

/** The model's own part of a BOM: its component and model card, its files, and the libraries it needs. */
final class BomModel {
    private final VersionRef ref;
    private final ModelVersions.Found found;
    private final Optional<RunDetail> run;
    private final Optional<VersionScan> scan;
    private final Environment environment;
    private final String environmentProblem;
    private final String serverUri;
    private final List<InheritedLabel> labels;
    private Component component;
    private final List<Component> libraries = new ArrayList<>();

    BomModel(VersionRef ref, ModelVersions.Found found, Optional<RunDetail> run, Optional<VersionScan> scan,
             Environment environment, String environmentProblem, String serverUri, List<InheritedLabel> labels) {
        this.ref = ref;
        this.found = found;
        this.run = run;
        this.scan = scan;
        this.environment = environment;
        this.environmentProblem = environmentProblem;
        this.serverUri = serverUri;
        this.labels = labels;
    }

    Component component() {
        if (component != null) {
            return component;
        }
        Component c = new Component();
        c.setType(Component.Type.MACHINE_LEARNING_MODEL);
        c.setBomRef(ref.nodeId().value());
        c.setName(ref.model());
        c.setVersion(ref.version());
        c.setGroup(ref.sourceName());
        String description = found.version().description() != null && !found.version().description().isBlank()
                ? found.version().description() : found.model().description();
        if (description != null && !description.isBlank()) {
            c.setDescription(description);
        }
        c.setPurl(purl("mlflow", null, ref.model(), ref.version(), serverUri == null ? Map.of()
                : Map.of("repository_url", serverUri)));
        List<Property> properties = new ArrayList<>();
        properties.add(new Property("braid:mlflow:source", found.version().source()));
        if (found.version().runId() != null) {
            properties.add(new Property("braid:mlflow:run", found.version().runId()));
        }
        found.version().aliases().forEach(a -> properties.add(new Property("braid:mlflow:alias", a)));
        scanProperties(properties);
        labels.stream().map(InheritedLabel::label).distinct().sorted()
                .forEach(l -> properties.add(new Property("braid:label", l)));
        if (environment != null && environment.python() != null) {
            properties.add(new Property("braid:python", environment.python()));
        }
        if (environmentProblem != null) {
            properties.add(new Property("braid:environment:unavailable", environmentProblem));
        }
        c.setProperties(properties);
        c.setComponents(files());
        c.setModelCard(card());
        component = c;
        return c;
    }

    private void scanProperties(List<Property> properties) {
        if (scan.isEmpty()) {
            properties.add(new Property("braid:scan:rating", "not scanned"));
            return;
        }
        VersionScan s = scan.get();
        properties.add(new Property("braid:scan:rating", s.current() ? s.rating().word() : "out of date"));
        properties.add(new Property("braid:scan:scannedAt", s.scannedAt().toString()));
        properties.add(new Property("braid:scan:files", Integer.toString(s.fileCount())));
    }

    /** The model's files as file components with their SHA-256 and verdicts (from the last scan). */
    private List<Component> files() {
        List<Component> out = new ArrayList<>();
        for (FileScan f : scan.map(VersionScan::files).orElse(List.of())) {
            Component file = new Component();
            file.setType(Component.Type.FILE);
            file.setBomRef(ref.nodeId().value() + "#" + f.path());
            file.setName(f.path());
            if (f.sha256() != null) {
                file.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, f.sha256())));
            }
            List<Property> properties = new ArrayList<>();
            properties.add(new Property("braid:scan:rating", f.rating().word()));
            properties.add(new Property("braid:format", f.format()));
            f.findings().forEach(x -> properties.add(new Property("braid:scan:finding", x.rating().word() + ": "
                    + (x.location().isEmpty() ? "" : x.location() + ": ") + x.message())));
            file.setProperties(properties);
            out.add(file);
        }
        return out;
    }

    private ModelCard card() {
        ModelCard card = new ModelCard();
        card.setBomRef(ref.nodeId().value() + "#model-card");
        ModelParameters parameters = new ModelParameters();
        if (environment != null && !environment.flavours().isEmpty()) {
            Environment.Flavour main = environment.flavours().stream().filter(f -> !f.name().equals("python_function"))
                    .findFirst().orElse(environment.flavours().get(0));
            parameters.setArchitectureFamily(main.name() + (main.version() == null ? "" : " " + main.version()));
        }
        architecture().ifPresent(parameters::setModelArchitecture);
        String task = found.version().tags().getOrDefault("task", found.model().tags().get("task"));
        if (task != null) {
            parameters.setTask(task);
        }
        card.setModelParameters(parameters);
        List<PerformanceMetric> metrics = new ArrayList<>();
        run.ifPresent(r -> {
            for (LatestMetric m : r.latestMetrics()) {
                if (m.value() == null) {
                    continue;
                }
                PerformanceMetric metric = new PerformanceMetric();
                metric.setType(m.key());
                metric.setValue(String.valueOf(m.value()));
                metrics.add(metric);
            }
        });
        if (!metrics.isEmpty()) {
            QuantitativeAnalysis analysis = new QuantitativeAnalysis();
            analysis.setPerformanceMetrics(metrics);
            card.setQuantitativeAnalysis(analysis);
        }
        return card;
    }

    /** The estimator's class, from what the model's pickle or skops file imports (the first class of an ML library). */
    private Optional<String> architecture() {
        for (FileScan f : scan.map(VersionScan::files).orElse(List.of())) {
            for (ImportReport i : f.imports()) {
                if (i.module().matches("^(sklearn|xgboost|lightgbm|catboost|torch\\.nn|statsmodels)\\b.*")
                        && Character.isUpperCase(i.name().charAt(0))) {
                    return Optional.of(i.qualified());
                }
            }
        }
        return Optional.empty();
    }

    /** Puts the datasets (and feature views) the model was trained on into its model card. */
    void cardDatasets(List<String> dataRefs, List<String> featureRefs) {
        List<DatasetChoice> datasets = new ArrayList<>();
        for (String r : dataRefs) {
            DatasetChoice choice = new DatasetChoice();
            choice.setRef(r);
            datasets.add(choice);
        }
        for (String r : featureRefs) {
            DatasetChoice choice = new DatasetChoice();
            choice.setRef(r);
            datasets.add(choice);
        }
        if (!datasets.isEmpty()) {
            component().getModelCard().getModelParameters().setDatasets(datasets);
        }
    }

    /** The commits the model was built from, as its pedigree. */
    void pedigree(List<Commit> commits) {
        List<Commit> all = new ArrayList<>(commits);
        run.map(r -> r.summary().sourceCommit()).filter(sha -> all.stream().noneMatch(c -> sha.equals(c.getUid())))
                .ifPresent(sha -> {
                    Commit commit = new Commit();
                    commit.setUid(sha);
                    String url = run.get().summary().tags().get("mlflow.source.git.repoURL");
                    if (url != null) {
                        commit.setUrl(url);
                    }
                    all.add(commit);
                });
        if (!all.isEmpty()) {
            Pedigree pedigree = new Pedigree();
            pedigree.setCommits(all);
            component().setPedigree(pedigree);
        }
    }

    /** The Python packages the model needs, as library components with {@code pkg:pypi} URLs. */
    List<Component> libraries() {
        if (!libraries.isEmpty() || environment == null) {
            return libraries;
        }
        Map<String, Requirement> sorted = new TreeMap<>(environment.packages());
        for (Requirement r : sorted.values()) {
            Component library = new Component();
            library.setType(Component.Type.LIBRARY);
            library.setName(r.name());
            library.setBomRef("pkg:pypi/" + r.name() + (r.version() == null ? "" : "@" + r.version()));
            if (r.version() != null) {
                library.setVersion(r.version());
            } else if (!r.spec().isEmpty()) {
                library.setProperties(List.of(new Property("braid:requirement", r.spec())));
            }
            library.setPurl(purl("pypi", null, r.name(), r.version(), Map.of()));
            libraries.add(library);
        }
        return libraries;
    }

    List<String> libraryRefs() {
        return libraries().stream().map(Component::getBomRef).toList();
    }

    private static String purl(String type, String namespace, String name, String version, Map<String, String> qualifiers) {
        try {
            return new PackageURL(type, namespace, name, version, qualifiers.isEmpty() ? null : new TreeMap<>(qualifiers),
                    null).canonicalize();
        } catch (MalformedPackageURLException e) {
            return null;
        }
    }
}
