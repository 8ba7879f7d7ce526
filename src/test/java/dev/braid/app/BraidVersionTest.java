package dev.braid.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BraidVersionTest {
    @Test
    void versionComesFromTheFilteredResource() {
        assertTrue(BraidVersion.current().matches("\\d+\\.\\d+\\.\\d+.*"), BraidVersion.current());
    }
}
