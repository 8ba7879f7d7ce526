package dev.braid.app;

import java.util.function.Supplier;

/**
 * A value made on first use, exactly once, and shared by every thread after that. {@link AppContext}
 * holds each of its services in one of these, so that a command builds only what it uses.
 * The maker may ask for other lazy values (a service built from other services); the wiring
 * has no cycles, so two threads making different values never wait for each other in a circle.
 */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<? extends T> maker;
    private volatile T value;

    private Lazy(Supplier<? extends T> maker) {
        this.maker = maker;
    }

    static <T> Lazy<T> of(Supplier<? extends T> maker) {
        return new Lazy<>(maker);
    }

    @Override
    public T get() {
        T made = value;
        if (made != null) {
            return made;
        }
        synchronized (this) {
            if (value == null) {
                T fresh = maker.get();
                if (fresh == null) {
                    throw new IllegalStateException("a lazy value's maker returned null");
                }
                value = fresh;
            }
            return value;
        }
    }

    /** Whether the value has been made, for closing only what exists. */
    boolean isMade() {
        return value != null;
    }
}
