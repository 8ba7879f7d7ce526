package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.lineage.DatasetIdentity.DatasetName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetIdentityTest {
    private static final DatasetName S3_FILE = new DatasetName("s3://bucket", "path/file.parquet");

    @Test
    void mlflowSourceOpenLineageAndAPathPreservingDvcRemoteAreOneNode() {
        DatasetName mlflow = DatasetIdentity.fromUri("s3://bucket/path/file.parquet");
        DatasetName openLineage = DatasetIdentity.fromOpenLineage("s3://bucket", "path/file.parquet");
        DatasetName dvc = DatasetIdentity.fromDvc("https://github.com/acme/fraud.git", "path/file.parquet",
                "s3://bucket", true);
        assertEquals(S3_FILE, mlflow);
        assertEquals(S3_FILE, openLineage);
        assertEquals(S3_FILE, dvc);
        assertEquals("dataset:s3://bucket:path/file.parquet", mlflow.nodeId().value());
        assertEquals("dataset-version:s3://bucket:path/file.parquet@abc123", mlflow.versionId(" abc123 ").value());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "S3://Bucket/path/file.parquet",
            "s3a://bucket/path/file.parquet",
            "s3n://bucket/path/file.parquet",
            "s3://bucket//path/./file.parquet",
            "s3://bucket/path/sub/../file.parquet",
            "s3://bucket/path/file.parquet?versionId=3",
            "s3://bucket/path/file.parquet#frag",
            " s3://bucket/path/file.parquet "})
    void spellingsOfOneObjectAgree(String uri) {
        assertEquals(S3_FILE, DatasetIdentity.fromUri(uri));
    }

    @Test
    void aTrailingSlashNamesTheSameFolder() {
        assertEquals(DatasetIdentity.fromUri("gs://bucket/tables/events"), DatasetIdentity.fromUri("gs://bucket/tables/events/"));
        assertEquals(DatasetIdentity.fromUri("gcs://bucket/tables/events"), DatasetIdentity.fromOpenLineage("gs://bucket/", "/tables/events/"));
    }

    @Test
    void keyCaseIsKeptBecauseObjectKeysAreCaseSensitive() {
        assertNotEquals(DatasetIdentity.fromUri("s3://bucket/Data.csv"), DatasetIdentity.fromUri("s3://bucket/data.csv"));
    }

    @Test
    void openLineageNamespaceSpellingsAgree() {
        assertEquals(S3_FILE, DatasetIdentity.fromOpenLineage("S3://BUCKET/", "/path/file.parquet"));
        assertEquals(S3_FILE, DatasetIdentity.fromOpenLineage("s3a://bucket", "path//file.parquet/"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/data/raw/events.csv",
            "file:///data/raw/events.csv",
            "file:/data/raw/events.csv",
            "file://localhost/data/raw/events.csv",
            "FILE:///data/raw/./events.csv",
            "/data/raw/../raw/events.csv",
            "/data//raw/events.csv"})
    void localFilesArePlainAbsolutePathsInTheFileNamespace(String location) {
        assertEquals(new DatasetName("file", "/data/raw/events.csv"), DatasetIdentity.fromUri(location));
    }

    @Test
    void openLineageLocalFilesMatchMlflowLocalSources() {
        DatasetName expected = new DatasetName("file", "/data/raw/events.csv");
        assertEquals(expected, DatasetIdentity.fromOpenLineage("file", "/data/raw/events.csv"));
        assertEquals(expected, DatasetIdentity.fromOpenLineage("file://", "/data/raw/events.csv"));
        assertEquals(expected, DatasetIdentity.fromOpenLineage("file:///", "data/raw/events.csv"));
        assertEquals(expected, DatasetIdentity.fromOpenLineage("file://localhost", "/data/raw/events.csv"));
    }

    @Test
    void fileUrisArePercentDecodedButPlainPathsAreNot() {
        assertEquals(new DatasetName("file", "/data/my file.csv"), DatasetIdentity.fromUri("file:///data/my%20file.csv"));
        assertEquals(new DatasetName("file", "/data/100%25.csv"), DatasetIdentity.fromUri("/data/100%25.csv"));
    }

    @Test
    void filesOnAnotherHostStayApart() {
        assertEquals(new DatasetName("file://nas", "/share/x.csv"), DatasetIdentity.fromUri("file://NAS/share/x.csv"));
    }

    @Test
    void webAddressesDropDefaultPortsAndCredentialsButKeepTheQuery() {
        assertEquals(new DatasetName("https://example.org", "data/x.csv?rev=2"),
                DatasetIdentity.fromUri("https://user:secret@Example.org:443/data/x.csv?rev=2#top"));
        assertEquals(new DatasetName("http://example.org:8080", "x.csv"), DatasetIdentity.fromUri("http://example.org:8080/x.csv"));
        assertEquals(new DatasetName("http://example.org", "x.csv"), DatasetIdentity.fromUri("http://example.org:80/x.csv"));
    }

    @Test
    void databaseTablesFollowOpenLineageNaming() {
        DatasetName table = DatasetIdentity.fromOpenLineage("postgres://DB.example.org:5432", "shop.public.orders");
        assertEquals(new DatasetName("postgres://db.example.org:5432", "shop.public.orders"), table);
        assertEquals(table, DatasetIdentity.fromUri("postgres://db.example.org:5432/shop.public.orders"));
    }

    @Test
    void azureContainersKeepTheirAccountInTheAuthority() {
        assertEquals(new DatasetName("abfss://data@acct.dfs.core.windows.net", "raw/x.parquet"),
                DatasetIdentity.fromUri("abfss://data@ACCT.dfs.core.windows.net/raw/x.parquet"));
    }

    @Test
    void plainNamespacesAreKeptAsGiven() {
        assertEquals(new DatasetName("bigquery", "proj.ds.table"), DatasetIdentity.fromOpenLineage("bigquery", "proj.ds.table"));
        assertEquals(new DatasetName("my-team", "features"), DatasetIdentity.fromOpenLineage("my-team/", "features"));
    }

    @Test
    void aBucketItselfIsTheRootName() {
        assertEquals(new DatasetName("s3://bucket", "/"), DatasetIdentity.fromUri("s3://bucket"));
        assertEquals(new DatasetName("s3://bucket", "/"), DatasetIdentity.fromUri("s3://bucket/"));
        assertEquals("dataset:s3://bucket:/", DatasetIdentity.fromUri("s3://bucket/").nodeId().value());
    }

    @Test
    void dvcPathsWithoutAPathPreservingRemoteAreNamedByTheirRepository() {
        DatasetName viaHttps = DatasetIdentity.fromDvc("https://github.com/Acme/fraud.git", "data/train.csv", "s3://bucket/store", false);
        DatasetName viaSsh = DatasetIdentity.fromDvc("git@github.com:Acme/fraud.git", "./data//train.csv", null, false);
        assertEquals(new DatasetName("github.com/Acme/fraud", "data/train.csv"), viaHttps);
        assertEquals(viaHttps, viaSsh);
    }

    @Test
    void dvcPathsInALocalRepositoryAreLocalFiles() {
        assertEquals(new DatasetName("file", "/work/fraud/data/train.csv"),
                DatasetIdentity.fromDvc("/work/fraud/", "data/train.csv", null, false));
        assertEquals(DatasetIdentity.fromUri("/work/fraud/data/train.csv"),
                DatasetIdentity.fromDvc("/work/fraud/.git", "data/train.csv", null, false));
    }

    @Test
    void dvcRemotesWithAPrefixJoinThePath() {
        assertEquals(new DatasetName("s3://bucket", "store/data/train.csv"),
                DatasetIdentity.fromDvc("/work/fraud", "data/train.csv", "s3://bucket/store/", true));
    }

    @Test
    void dvcDependenciesOnUrlsAreThoseUrls() {
        assertEquals(S3_FILE, DatasetIdentity.fromDvc("/work/fraud", "s3://bucket/path/file.parquet", null, false));
    }

    @Test
    void uriShowsTheLocationAgain() {
        assertEquals("s3://bucket/path/file.parquet", S3_FILE.uri());
        assertEquals("file:///data/x.csv", new DatasetName("file", "/data/x.csv").uri());
    }

    @Test
    void emptyNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DatasetIdentity.fromUri(" "));
        assertThrows(IllegalArgumentException.class, () -> DatasetIdentity.fromOpenLineage("s3://bucket", ""));
        assertThrows(IllegalArgumentException.class, () -> S3_FILE.versionId(""));
    }
}
