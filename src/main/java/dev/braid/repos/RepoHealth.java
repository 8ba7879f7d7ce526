package dev.braid.repos;

/** What Braid found when it last looked at a repository on disk. */
public enum RepoHealth {
    UNKNOWN("Not synced yet"),
    OK("Up to date"),
    EMPTY("Empty repository (no commits yet)"),
    MISSING("The folder is gone or is no longer a git repository"),
    CORRUPT("The repository is damaged"),
    UNREACHABLE("A remote could not be reached; showing the cached history");

    private final String description;

    RepoHealth(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
