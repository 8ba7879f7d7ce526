package dev.braid.experiments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Unmodifiable copies that keep their order and, unlike {@code Map.copyOf}, allow null values. */
final class Frozen {
    private Frozen() {
    }

    static <V> Map<String, V> map(Map<String, V> source) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }
}
