package dev.braid.security.scan;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import java.io.IOException;
import java.io.InputStream;

/**
 * An HDF5 file, read with jHDF (pure Java, no native library) for its root attributes only: a
 * Keras {@code .h5} model keeps its architecture in {@code model_config} (and its training set-up
 * in {@code training_config}), which is checked like a {@code .keras} config. Weights are never read.
 */
final class Hdf5Check {
    private static final String[] CONFIGS = {"model_config", "training_config"};
    private final KerasConfigCheck keras;
    private final ScanLimits limits;

    Hdf5Check(KerasConfigCheck keras, ScanLimits limits) {
        this.keras = keras;
        this.limits = limits;
    }

    void scan(Content content, String location, ScanSink sink) throws IOException {
        try (HdfFile file = open(content)) {
            if (file == null) {
                sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.LIMIT, "", "an HDF5 member of "
                        + content.size() + " bytes inside an archive is too large to read in memory; not scanned"));
                return;
            }
            for (String name : CONFIGS) {
                Attribute attribute = file.getAttributes().get(name);
                if (attribute == null) {
                    continue;
                }
                Object data = attribute.getData();
                String text = data instanceof String s ? s : data instanceof String[] a && a.length == 1 ? a[0] : null;
                if (text == null) {
                    sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.MALFORMED, name, "the " + name
                            + " attribute is not text"));
                    continue;
                }
                keras.scanConfig(text, location.isEmpty() ? name : location + " > " + name, sink);
            }
        } catch (RuntimeException e) {
            // jHDF reports broken files with unchecked exceptions.
            sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.UNREADABLE, "", "the HDF5 file cannot be read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        }
    }

    private HdfFile open(Content content) throws IOException {
        if (content.path() != null) {
            return new HdfFile(content.path());
        }
        if (content.bytes() != null) {
            return HdfFile.fromBytes(content.bytes());
        }
        if (content.size() > limits.maxNestedPickle()) {
            return null;
        }
        try (InputStream in = content.open()) {
            return HdfFile.fromBytes(in.readNBytes((int) limits.maxNestedPickle()));
        }
    }
}
