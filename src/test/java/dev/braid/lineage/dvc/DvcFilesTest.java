package dev.braid.lineage.dvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DvcFilesTest {
    private static final String LOCK = """
            schema: '2.0'
            stages:
              prepare:
                cmd: python src/prepare.py data/data.xml
                deps:
                - path: data/data.xml
                  hash: md5
                  md5: 22a1a2931c8370d3aeedd7183606fd7f
                  size: 14445097
                - path: src/prepare.py
                  hash: md5
                  md5: f09ea0c15980b43010257ccb9f0055e2
                  size: 1576
                params:
                  params.yaml:
                    prepare.seed: 20170428
                outs:
                - path: data/prepared
                  hash: md5
                  md5: 153aad06d376b6595932470e459ef42a.dir
                  size: 8437363
                  nfiles: 2
              train:
                cmd: python train.py
                deps:
                - path: ../shared/features.csv
                  md5: 0cc175b9c0f1b6a831c399e269772661
                outs:
                - path: model.pkl
                  md5: 92eb5ffee6ae2fec3ad71c777531578f
            """;

    @Test
    void readsStagesWithPathsFromTheRepositoryRoot() throws Exception {
        List<DvcStage> stages = DvcFiles.parseLock("pipelines/nlp/dvc.lock", LOCK, """
                stages:
                  prepare:
                    cmd: python src/prepare.py data/data.xml
                  train:
                    wdir: model
                    cmd: python train.py
                """).stages();
        assertEquals(2, stages.size());
        DvcStage prepare = stages.get(0);
        assertEquals("prepare", prepare.name());
        assertEquals("python src/prepare.py data/data.xml", prepare.cmd());
        assertEquals(List.of("pipelines/nlp/data/data.xml", "pipelines/nlp/src/prepare.py"),
                prepare.deps().stream().map(DvcEntry::path).toList());
        assertEquals("22a1a2931c8370d3aeedd7183606fd7f", prepare.deps().get(0).hash());
        assertEquals(14445097, prepare.deps().get(0).size());
        DvcEntry prepared = prepare.outs().get(0);
        assertEquals("pipelines/nlp/data/prepared", prepared.path());
        assertTrue(prepared.directory());

        DvcStage train = stages.get(1);
        assertEquals("pipelines/nlp/shared/features.csv", train.deps().get(0).path(), "wdir 'model' then ../");
        assertEquals("pipelines/nlp/model/model.pkl", train.outs().get(0).path());
        assertEquals(-1, train.outs().get(0).size());
    }

    @Test
    void aDvcFileTracksItsOutputsBesideIt() throws Exception {
        DvcStage tracked = DvcFiles.parseDvcFile("data/raw.csv.dvc", """
                outs:
                - md5: 22a1a2931c8370d3aeedd7183606fd7f
                  size: 14445097
                  hash: md5
                  path: raw.csv
                """).stages().get(0);
        assertTrue(tracked.tracksData());
        assertEquals("data/raw.csv", tracked.outs().get(0).path());
        assertEquals("", tracked.cmd());
    }

    @Test
    void importsKeepTheSourceRepositoryAndExternalPathsStayAsWritten() throws Exception {
        DvcStage imported = DvcFiles.parseDvcFile("data.xml.dvc", """
                md5: 7b1d8b4d2d0c8f0e9d0b1c2d3e4f5a6b
                frozen: true
                deps:
                - path: data/data.xml
                  repo:
                    url: https://github.com/iterative/dataset-registry
                    rev_lock: f31f5c4cdae787b4bdeb97a717687d44667d9e62
                - path: s3://bucket/raw/events.parquet
                  etag: '"abc"'
                outs:
                - md5: 22a1a2931c8370d3aeedd7183606fd7f
                  path: data.xml
                """).stages().get(0);
        assertEquals("data/data.xml", imported.deps().get(0).path());
        assertEquals("https://github.com/iterative/dataset-registry", imported.deps().get(0).repoUrl());
        assertEquals("s3://bucket/raw/events.parquet", imported.deps().get(1).path());
        assertEquals("\"abc\"", imported.deps().get(1).hash());
    }

    @Test
    void aFileThatCannotBeReadAtAllGivesAnErrorNamingTheFile() {
        DvcFormatException notYaml = assertThrows(DvcFormatException.class,
                () -> DvcFiles.parseLock("dvc.lock", "stages: [unclosed", null));
        assertTrue(notYaml.getMessage().startsWith("dvc.lock: not valid YAML"), notYaml.getMessage());
        DvcFormatException list = assertThrows(DvcFormatException.class,
                () -> DvcFiles.parseLock("dvc.lock", "- just\n- a list\n", null));
        assertTrue(list.getMessage().startsWith("dvc.lock: expected a YAML mapping at the top"), list.getMessage());
        DvcFormatException neither = assertThrows(DvcFormatException.class,
                () -> DvcFiles.parseLock("dvc.lock", "name: pipeline\nowner: me\n", null));
        assertTrue(neither.getMessage().contains("neither a lock file with 'stages' nor one of DVC 1"), neither.getMessage());
    }

    @Test
    void aBrokenEntryOrStageIsReportedAndTheRestOfTheFileRead() throws Exception {
        DvcFileContent noPath = DvcFiles.parseDvcFile("a.dvc", "outs:\n- md5: abc\n- path: b.csv\n  md5: def\n");
        assertEquals(List.of("a.dvc: an entry in outs of 'a.dvc' has no path; the entry is skipped"), noPath.problems());
        assertEquals(List.of("b.csv"), noPath.stages().get(0).outs().stream().map(DvcEntry::path).toList());

        DvcFileContent escapes = DvcFiles.parseDvcFile("a.dvc", "outs:\n- path: ../../etc/passwd\n");
        assertTrue(escapes.problems().get(0).contains("leaves the repository"), escapes.problems().toString());

        DvcFileContent lock = DvcFiles.parseLock("dvc.lock", """
                schema: '2.0'
                stages:
                  broken: just text
                  nested:
                    cmd: {not: a command}
                  fine:
                    cmd: [python a.py, python b.py]
                    outs:
                    - path: out.csv
                      md5: 0cc175b9c0f1b6a831c399e269772661
                """, "stages: [unclosed");
        assertEquals(List.of("fine"), lock.stages().stream().map(DvcStage::name).toList());
        assertEquals("python a.py && python b.py", lock.stages().get(0).cmd());
        assertEquals(3, lock.problems().size(), lock.problems().toString());
        assertTrue(lock.problems().get(0).startsWith("dvc.yaml: not valid YAML"), lock.problems().get(0));
        assertTrue(lock.problems().get(1).contains("stage 'broken' is not a mapping"), lock.problems().get(1));
        assertTrue(lock.problems().get(2).contains("the cmd of 'nested'"), lock.problems().get(2));
    }

    @Test
    void readsTheLockFilesOfDvc1WithTheirStagesAtTheTop() throws Exception {
        DvcFileContent old = DvcFiles.parseLock("dvc.lock", """
                prepare:
                  cmd: python src/prepare.py data/data.xml
                  deps:
                  - path: data/data.xml
                    md5: a304afb96060aad90176268345e10355
                  params:
                    params.yaml:
                      prepare.seed: 20170428
                  outs:
                  - path: data/prepared
                    md5: 6836f797f3924fb46fcfd6b9f6aa6416.dir
                train:
                  cmd: python src/train.py data/features model.pkl
                  deps:
                  - path: data/prepared
                    md5: 6836f797f3924fb46fcfd6b9f6aa6416.dir
                  outs:
                  - path: model.pkl
                    md5: 662eb7f64216d9c2c1088d0a5e2c6951
                """, null);
        assertEquals(List.of(), old.problems());
        assertEquals(List.of("prepare", "train"), old.stages().stream().map(DvcStage::name).toList());
        assertEquals("a304afb96060aad90176268345e10355", old.stages().get(0).deps().get(0).hash());
        assertTrue(old.stages().get(0).outs().get(0).directory());
        assertEquals(List.of(), DvcFiles.parseLock("dvc.lock", "schema: '2.0'\n", null).stages());
    }

    @Test
    void theSameDataInANewerFormatIsTheSameRun() throws Exception {
        DvcStage dvc1 = DvcFiles.parseLock("dvc.lock", """
                train:
                  cmd: python train.py
                  deps:
                  - path: features.csv
                    md5: 0cc175b9c0f1b6a831c399e269772661
                  - path: train.py
                    md5: 92eb5ffee6ae2fec3ad71c777531578f
                  outs:
                  - path: model.pkl
                    md5: 4a8a08f09d37b73795649038408b5f33
                """, null).stages().get(0);
        DvcStage dvc3 = DvcFiles.parseLock("dvc.lock", """
                schema: '2.0'
                stages:
                  train:
                    cmd:
                    - python train.py
                    deps:
                    - path: train.py
                      hash: md5
                      md5: 92eb5ffee6ae2fec3ad71c777531578f
                      size: 120
                    - path: features.csv
                      hash: md5
                      md5: 0cc175b9c0f1b6a831c399e269772661
                      size: 1
                    outs:
                    - path: model.pkl
                      hash: md5
                      md5: 4a8a08f09d37b73795649038408b5f33
                      size: 9
                """, null).stages().get(0);
        assertTrue(dvc1.sameData(dvc3), "sizes, hash: md5 and the order of entries are format, not data");
        DvcStage retrained = new DvcStage("dvc.lock", "train", dvc3.cmd(), dvc3.deps(),
                List.of(new DvcEntry("model.pkl", "8277e0910d750195b448797616e091ad", 9, "")));
        assertFalse(dvc3.sameData(retrained));
    }

    @Test
    void aBillionLaughsIsRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append(", *").append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        yaml.append("stages: *k\n");
        assertThrows(DvcFormatException.class, () -> DvcFiles.parseLock("dvc.lock", yaml.toString(), null));
    }

    @Test
    void aBombUnderTheAliasLimitIsNeverExpandedIntoText() throws Exception {
        // Six levels of six aliases stand for 6^6 (47,000) items: under every cap of the YAML reader,
        // so it is the command that must refuse to be made of them.
        StringBuilder yaml = new StringBuilder("x: &l0 [lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 6; level++) {
            String p = "*l" + (level - 1);
            yaml.append("x").append(level).append(": &l").append(level).append(" [").append(p).append(", ").append(p)
                    .append(", ").append(p).append(", ").append(p).append(", ").append(p).append(", ").append(p).append("]\n");
        }
        yaml.append("stages:\n  train:\n    cmd: *l6\n    outs:\n    - path: model.pkl\n      md5: *l6\n");
        DvcFileContent content = DvcFiles.parseLock("dvc.lock", yaml.toString(), null);
        assertEquals(List.of(), content.stages());
        assertTrue(content.problems().get(0).contains("the cmd of 'train'"), content.problems().toString());
    }

    @Test
    void nestingFarDeeperThanDvcWritesIsRefusedBeforeParsing() {
        String flow = "stages: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        DvcFormatException deepFlow = assertThrows(DvcFormatException.class, () -> DvcFiles.parseLock("dvc.lock", flow, null));
        assertTrue(deepFlow.getMessage().contains("nested more than"), deepFlow.getMessage());
        String block = "stages:\n  " + "- ".repeat(100_000) + "x\n";
        DvcFormatException deepBlock = assertThrows(DvcFormatException.class, () -> DvcFiles.parseLock("dvc.lock", block, null));
        assertTrue(deepBlock.getMessage().contains("nested more than"), deepBlock.getMessage());
    }

    @Test
    void theDefaultRemoteComesFromDvcConfig() {
        assertEquals(new DvcRemote("s3://team-bucket/dvcstore", false), DvcScanner.defaultRemote("""
                [core]
                    remote = storage
                ['remote "storage"']
                    url = s3://team-bucket/dvcstore
                ['remote "other"']
                    url = /mnt/elsewhere
                """));
        assertEquals(DvcRemote.NONE, DvcScanner.defaultRemote("[core]\n    autostage = true\n"));
        assertEquals(new DvcRemote("s3://bucket/data", true), DvcScanner.defaultRemote(
                "[core]\nremote = s3\n['remote \"s3\"']\nurl = s3://bucket/data\nversion_aware = true\n"));
    }
}
