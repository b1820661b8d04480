package org.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LanguagesTest {

    @Test
    void normalisesInputFields() {
        assertEquals("en", Languages.normalise("en-US"));
        assertEquals("en", Languages.normalise("en_GB"));
        assertEquals("pl", Languages.normalise("pl"));
        assertEquals("fr", Languages.normalise("fra"));
        assertEquals("de", Languages.normalise("German"));
        assertNull(Languages.normalise("klingon-ish words"));
    }

    @Test
    void detectsWhenNoField() {
        assertEquals("en", Languages.of(null, "Russia warns the United States",
                "Moscow said on Monday that the decision would only escalate the conflict in Ukraine."));
        assertEquals("pl", Languages.of("", "Rosja ostrzega Stany Zjednoczone",
                "Moskwa oświadczyła w poniedziałek, że decyzja doprowadzi jedynie do eskalacji konfliktu."));
        assertEquals(Languages.UNKNOWN, Languages.of(null, "", ""));
    }
}
