package dev.braid.demo;

import java.util.function.Consumer;

/**
 * One commit's worth of work: its subject, what it changes in the project and, when it is always
 * the same person's (or bot's) work, who makes it; otherwise {@code author} is null.
 */
record Step(String subject, Consumer<ProjectState> change, Author author) {
    Step(String subject, Consumer<ProjectState> change) {
        this(subject, change, null);
    }
}
