package dev.braid.repos;

/** The kinds of git ref Braid shows as labels on commits. */
public enum RefKind {
    HEAD, BRANCH, REMOTE_BRANCH, TAG, OTHER
}
