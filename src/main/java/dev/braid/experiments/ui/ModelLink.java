package dev.braid.experiments.ui;

/** A model version or logged model made by a run, as a link into the Models tab. */
public record ModelLink(String label, RegistryFocus focus) {
}
