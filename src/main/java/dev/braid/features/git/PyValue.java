package dev.braid.features.git;

import java.util.List;
import java.util.Map;

/** What a Python expression in a definition file says, without running it; anything else is {@link Opaque}. */
sealed interface PyValue {
    record Str(String value) implements PyValue {
    }

    record Num(String text) implements PyValue {
    }

    /** A name or a dotted name ({@code Float32}, {@code feast.types.Float32}). */
    record Name(String dotted) implements PyValue {
        String last() {
            return dotted.substring(dotted.lastIndexOf('.') + 1);
        }
    }

    record Call(PyValue function, List<PyValue> args, Map<String, PyValue> kwargs) implements PyValue {
        /** The called name's last part ({@code FeatureView} for {@code feast.FeatureView}); empty for other callees. */
        String name() {
            return function instanceof Name n ? n.last() : "";
        }

        PyValue arg(String keyword, int position) {
            PyValue byName = kwargs.get(keyword);
            return byName != null ? byName : position >= 0 && position < args.size() ? args.get(position) : null;
        }
    }

    /** A list, tuple or set display. */
    record Items(List<PyValue> items) implements PyValue {
    }

    record Dict(List<Map.Entry<PyValue, PyValue>> entries) implements PyValue {
    }

    record Subscript(PyValue target, PyValue index) implements PyValue {
    }

    /** A function defined with decorators ({@code @on_demand_feature_view(...)}), and its source text. */
    record Function(String name, List<PyValue> decorators, String body) implements PyValue {
    }

    record Opaque() implements PyValue {
    }
}
