package dev.braid.experiments.ui;

/** A name and its value as text: one line of an overview, a param, a tag. */
public record Field(String name, String value) {
}
