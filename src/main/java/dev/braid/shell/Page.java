package dev.braid.shell;

/** The screens the navigation can show; {@link #id()} is what the settings file remembers. */
public enum Page {
    WELCOME("welcome", "Welcome", false),
    REPOSITORIES("repositories", "Repositories", true),
    EXPERIMENTS("experiments", "Experiments", true),
    FEATURES("features", "Features", true),
    PIPELINES("pipelines", "Pipelines", true),
    LINEAGE("lineage", "Lineage", true),
    SOURCES("sources", "Sources", true),
    AUDIT("audit", "Audit", true),
    SYNC_LOG("sync-log", "Sync log", true),
    SETTINGS("settings", "Settings", true);

    private final String id;
    private final String title;
    private final boolean inNavigation;

    Page(String id, String title, boolean inNavigation) {
        this.id = id;
        this.title = title;
        this.inNavigation = inNavigation;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public boolean inNavigation() {
        return inNavigation;
    }

    public static Page fromId(String id, Page fallback) {
        for (Page page : values()) {
            if (page.id.equals(id)) {
                return page;
            }
        }
        return fallback;
    }

    @Override
    public String toString() {
        return title;
    }
}
