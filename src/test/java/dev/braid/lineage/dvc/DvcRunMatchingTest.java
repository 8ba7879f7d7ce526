package dev.braid.lineage.dvc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which recorded files an MLflow run read: by its dataset inputs' locations and by the stage that runs its script. */
class DvcRunMatchingTest {
    private static final DvcEntry FEATURES = new DvcEntry("data/features.csv", "0cc175b9c0f1b6a831c399e269772661", 1, "");
    private static final DvcEntry IMAGES = new DvcEntry("data/images", "153aad06d376b6595932470e459ef42a.dir", 9, "");
    private static final DvcEntry OTHER = new DvcEntry("other/features.csv", "92eb5ffee6ae2fec3ad71c777531578f", 1, "");

    @Test
    void aDatasetInputNamesARecordedFileByItsPathInTheRepository() {
        Map<String, DvcEntry> recorded = recorded(FEATURES, IMAGES);
        assertSame(FEATURES, DvcRunMatching.entryFor("data/features.csv", "/work/churn", recorded));
        assertSame(FEATURES, DvcRunMatching.entryFor("./data/../data/features.csv", "/work/churn", recorded));
        assertSame(FEATURES, DvcRunMatching.entryFor("/work/churn/data/features.csv", "/work/churn", recorded));
        assertSame(FEATURES, DvcRunMatching.entryFor("file:///work/churn/data/features.csv", "/work/churn", recorded));
        assertSame(IMAGES, DvcRunMatching.entryFor("data/images/cat/1.png", "/work/churn", recorded), "a file in a tracked folder");
        assertSame(FEATURES, DvcRunMatching.entryFor("/home/ci/build/data/features.csv", "/work/churn", recorded),
                "another machine's checkout: the one recorded path it ends with");
        assertNull(DvcRunMatching.entryFor("s3://bucket/data/features.csv", "/work/churn", recorded), "a URL is not a local file");
        assertNull(DvcRunMatching.entryFor("data/labels.csv", "/work/churn", recorded));
        assertNull(DvcRunMatching.entryFor("../outside.csv", "/work/churn", recorded));
    }

    @Test
    void elsewhereTheLongestRecordedPathThatFitsWins() {
        DvcEntry top = new DvcEntry("features.csv", "abc", 1, "");
        Map<String, DvcEntry> recorded = recorded(FEATURES, OTHER, top);
        assertSame(FEATURES, DvcRunMatching.entryFor("/elsewhere/data/features.csv", "/work/churn", recorded));
        assertSame(top, DvcRunMatching.entryFor("/elsewhere/x/features.csv", "/work/churn", recorded));
    }

    @Test
    void aStageRunsTheScriptThatStartedTheRun() {
        assertTrue(DvcRunMatching.runs("python src/train.py data/features.csv model.pkl", "src/train.py"));
        assertTrue(DvcRunMatching.runs("python src/train.py", "/home/ada/churn/src/train.py"));
        assertTrue(DvcRunMatching.runs("python train.py", "train.py"));
        assertTrue(DvcRunMatching.runs("python -m src.train --epochs 3", "/home/ada/churn/src/train.py"));
        assertTrue(DvcRunMatching.runs("cd src && python \"train.py\"", "train.py"));
        assertFalse(DvcRunMatching.runs("python src/evaluate.py", "src/train.py"));
        assertFalse(DvcRunMatching.runs("python src/train.py", ""));
        assertFalse(DvcRunMatching.runs("python src/train.py", "/usr/lib/python3/site-packages/ipykernel_launcher"));
    }

    private static Map<String, DvcEntry> recorded(DvcEntry... entries) {
        Map<String, DvcEntry> out = new LinkedHashMap<>();
        for (DvcEntry e : entries) {
            out.put(e.path(), e);
        }
        return out;
    }
}
