package dev.braid.experiments;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * The schema revisions (alembic ids) of MLflow SQL stores that Braid reads: from the one that gave
 * dataset inputs a step (early 2025) up to the head of MLflow 3.17.2. A store at any other revision
 * is refused by name rather than misread.
 */
final class SqliteSchema {
    static final String HEAD = "dc11669786a5";
    static final Set<String> KNOWN = Set.of(
            "dc11669786a5", "75868b020152", "b7e2c1a4d9f3", "17e22815139b", "1971f2d9a75b", "6f8d9c3b2a1e",
            "c3d9e7f1a2b4", "c1d2e3f4a5b6", "a8b9c0d1e2f3", "b7e4c1a90f23", "89d3d66ed43f", "da6fb0208061",
            "7d34483879f0", "ae8bbe7743c9", "a5b4c3d2e1f0", "c3d6457b6d8a", "76601a5f987d", "e1f2a3b4c5d6",
            "1b5f0d9ad7c1", "c8d9e0f1a2b3", "d0e1f2a3b4c5", "d3e4f5a6b7c8", "2c33131f4dae", "c9d4e5f6a7b8",
            "5d2d30f0abce", "b7c8d9e0f1a2", "1bd49d398cd23", "bf29a5ff90ea", "3da73c924c2f", "71994744cf8e",
            "534353b11cbc", "1a0cddfcaa16", "de4033877273", "a1b2c3d4e5f6", "770bee3ae1dd", "cbc13b556ace",
            "bda7b8c39065", "6953534de441");

    private SqliteSchema() {
    }

    /** Fails unless the database at {@code file} is an MLflow store at a known revision. */
    static void check(Connection c, Path file) throws MlflowException {
        String revision;
        try (PreparedStatement st = c.prepareStatement("SELECT version_num FROM alembic_version");
             ResultSet rs = st.executeQuery()) {
            revision = rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw MlflowException.permanent(file + " is not an MLflow database (it has no alembic_version table)", e);
        }
        if (revision == null) {
            throw MlflowException.permanent(file + " is not an MLflow database (its alembic_version is empty)", null);
        }
        if (!KNOWN.contains(revision)) {
            throw MlflowException.permanent("the MLflow database " + file + " has schema revision " + revision
                    + ", which Braid does not know (it reads revisions up to " + HEAD + ", MLflow 3.17.2);"
                    + " upgrade Braid, or serve the store with a matching `mlflow server` and add its http address", null);
        }
    }
}
