package dev.braid.experiments;

/**
 * The edits Braid writes back to MLflow. Each changes one value (its {@link Slot}): a run's tag, a
 * run's name, or a registered model's alias; a deletion sets that value to null.
 */
public enum RunEditAction {
    SET_TAG(Slot.RUN_TAG),
    DELETE_TAG(Slot.RUN_TAG),
    RENAME_RUN(Slot.RUN_NAME),
    SET_ALIAS(Slot.MODEL_ALIAS),
    DELETE_ALIAS(Slot.MODEL_ALIAS);

    /** What kind of value an action changes. */
    public enum Slot {
        /** A run's tag; payload {@code run_id}, {@code key}. */
        RUN_TAG,
        /** A run's name; payload {@code run_id}. */
        RUN_NAME,
        /** The version a model's alias points at; payload {@code name}, {@code alias}. */
        MODEL_ALIAS
    }

    private final Slot slot;

    RunEditAction(Slot slot) {
        this.slot = slot;
    }

    public Slot slot() {
        return slot;
    }
}
