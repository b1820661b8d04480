package org.newslens.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * README's table reference is generated from {@link Tables}. Run with -Dnewslens.updateDocs=true
 * (mvn -pl jobs test -Dtest=TableDocsTest -Dnewslens.updateDocs=true) to rewrite it after changing a table.
 */
class TableDocsTest {
    private static final Path README = Path.of("../README.md");

    @Test
    void readmeTableReferenceMatchesTheCode() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(TableDocs.BEGIN);
        int end = readme.indexOf(TableDocs.END);
        assertTrue(begin >= 0 && end > begin, "README lacks the generated tables section");
        String current = readme.substring(begin, end + TableDocs.END.length());
        String expected = TableDocs.markdown();
        if (!current.equals(expected) && Boolean.getBoolean("newslens.updateDocs")) {
            Files.writeString(README, readme.replace(current, expected), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(expected, current, "README's table reference is stale: rerun this test with -Dnewslens.updateDocs=true");
    }

    @Test
    void everyTableHasColumnsAndUniqueNames() {
        for (TableDef t : Tables.all().values()) {
            assertTrue(!t.columns().isEmpty(), t.name());
            assertEquals(t.columns().size(), t.columns().stream().map(Column::name).distinct().count(), t.name());
        }
    }
}
