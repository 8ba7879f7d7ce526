package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceholderViewModelTest {

    @Test
    void everyScreenNotFedYetSaysWhatItWillShowAndHowToAddItsSource() {
        for (Page page : List.of(Page.EXPERIMENTS, Page.FEATURES, Page.PIPELINES, Page.LINEAGE)) {
            PlaceholderViewModel model = new PlaceholderViewModel(page);
            assertFalse(model.whatItWillShow().isBlank(), page.id());
            assertTrue(model.howToFeedIt().contains("Add source"), page.id());
            assertEquals(page.title(), model.title());
        }
    }

    @Test
    void cacheProblemOffersToMoveTheCacheAsideOnlyWhenThatHelpsAndOnlyOnce() {
        List<String> done = new ArrayList<>();
        CacheProblemViewModel damaged = new CacheProblemViewModel("damaged", "details", () -> done.add("rebuild"),
                () -> done.add("quit"));
        CacheProblemViewModel locked = new CacheProblemViewModel("locked", "details", null, () -> done.add("quit"));

        damaged.rebuild();
        damaged.rebuild();
        locked.rebuild();
        locked.quit();

        assertTrue(damaged.canRebuild());
        assertFalse(locked.canRebuild());
        assertEquals(List.of("rebuild", "quit"), done);
        assertTrue(damaged.busyProperty().get());
    }
}
