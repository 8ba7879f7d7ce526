package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BestValueTest {
    @Test
    void scoresAreBestHighAndEverythingElseLow() {
        for (String key : new String[] {"accuracy", "val_acc", "AUC", "f1_macro", "precision", "recall@5", "r2"}) {
            assertTrue(BestValue.higherIsBetter(key), key);
        }
        for (String key : new String[] {"rmse", "loss", "val_loss", "mae", "latency_ms"}) {
            assertFalse(BestValue.higherIsBetter(key), key);
        }
    }

    @Test
    void theBestIndexSkipsMissingValues() {
        assertEquals(2, BestValue.bestIndex("loss", Arrays.asList(0.5, null, 0.1, Double.NaN)));
        assertEquals(0, BestValue.bestIndex("accuracy", Arrays.asList(0.9, null, 0.1)));
        assertEquals(-1, BestValue.bestIndex("loss", Arrays.asList(null, Double.NaN)));
    }
}
