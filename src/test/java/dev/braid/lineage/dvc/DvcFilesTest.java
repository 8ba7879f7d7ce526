package dev.braid.lineage.dvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                """);
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
                """);
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
                """);
        assertEquals("data/data.xml", imported.deps().get(0).path());
        assertEquals("https://github.com/iterative/dataset-registry", imported.deps().get(0).repoUrl());
        assertEquals("s3://bucket/raw/events.parquet", imported.deps().get(1).path());
        assertEquals("\"abc\"", imported.deps().get(1).hash());
    }

    @Test
    void badFilesGiveAnErrorNamingTheFile() {
        DvcFormatException notYaml = assertThrows(DvcFormatException.class,
                () -> DvcFiles.parseLock("dvc.lock", "stages: [unclosed", null));
        assertTrue(notYaml.getMessage().startsWith("dvc.lock: not valid YAML"), notYaml.getMessage());

        DvcFormatException noPath = assertThrows(DvcFormatException.class,
                () -> DvcFiles.parseDvcFile("a.dvc", "outs:\n- md5: abc\n"));
        assertEquals("a.dvc: an entry in outs of 'a.dvc' has no path", noPath.getMessage());

        DvcFormatException escapes = assertThrows(DvcFormatException.class,
                () -> DvcFiles.parseDvcFile("a.dvc", "outs:\n- path: ../../etc/passwd\n"));
        assertTrue(escapes.getMessage().contains("leaves the repository"), escapes.getMessage());

        assertThrows(DvcFormatException.class, () -> DvcFiles.parseLock("dvc.lock", "- just\n- a list\n", null));
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
