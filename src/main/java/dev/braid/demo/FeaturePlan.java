package dev.braid.demo;

import java.util.List;

/** A feature branch: who works on it and the commits that make up the feature, in order. */
record FeaturePlan(String topic, Author owner, List<Step> steps) {
    String branch() {
        return "feature/" + topic;
    }

    /** The subject of the first step, used as the merge request's title. */
    String title() {
        return steps.get(0).subject();
    }
}
