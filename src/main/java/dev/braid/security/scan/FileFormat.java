package dev.braid.security.scan;

import java.util.Locale;

/** What a file (or an archive member) was recognised as, by its bytes first and its name second. */
public enum FileFormat {
    PICKLE("pickle"),
    PYTORCH_ZIP("PyTorch zip checkpoint"),
    PYTORCH_LEGACY("legacy PyTorch checkpoint"),
    JOBLIB("joblib"),
    NUMPY("NumPy .npy"),
    NUMPY_ZIP("NumPy .npz"),
    KERAS("Keras .keras"),
    SKOPS("skops"),
    HDF5("HDF5"),
    SAFETENSORS("safetensors"),
    ONNX("ONNX"),
    ZIP("zip archive"),
    TAR("tar archive"),
    SEVEN_ZIP("7z archive"),
    COMPRESSED("compressed stream"),
    OTHER("not a model format");

    private final String label;

    FileFormat(String label) {
        this.label = label;
    }

    /** For people: "PyTorch zip checkpoint". */
    public String label() {
        return label;
    }

    /** For machines: {@code pytorch-zip}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
