package org.newslens.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;

/** How tables are written: prose and the sentences' words without Parquet dictionaries, other strings with them. */
class TableStoreTest {

    /** Column path -> whether any of its chunks in the file uses a dictionary. */
    static Map<String, Boolean> dictionaries(Path part) throws IOException {
        Map<String, Boolean> used = new HashMap<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(part))) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData column : block.getColumns()) {
                    boolean dictionary = column.getEncodings().stream().anyMatch(Encoding::usesDictionary);
                    used.merge(column.getPath().toDotString(), dictionary, Boolean::logicalOr);
                }
            }
        }
        return used;
    }

    @Test
    void proseAndWordsAreWrittenPlainOtherStringsWithADictionary() throws IOException {
        Path out = TableVerifierTest.run();
        Map<String, Boolean> sentences = dictionaries(TableVerifierTest.part(out, "sentences"));
        for (String plain : TableStore.PLAIN_COLUMNS) {
            assertEquals(false, sentences.get(plain), plain + " in " + sentences);
        }
        // the check can tell: a repeated id is still dictionary-encoded
        assertEquals(true, sentences.get("article_id"), sentences.toString());
        assertEquals(false, dictionaries(TableVerifierTest.part(out, "articles")).get("text"));
    }
}
