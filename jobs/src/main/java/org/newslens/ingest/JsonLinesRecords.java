package org.newslens.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.spark.sql.Row;

/**
 * One JSON object per line (blank lines skipped). Lines are split on bytes and decoded one by one, so a line
 * that is not UTF-8 is one reject and the lines after it are still read.
 */
final class JsonLinesRecords extends StreamedRecords {
    private final InputStream in;
    private final byte[] buffer = new byte[65536];
    private int pos;
    private int limit;
    private byte[] line = new byte[8192];

    private final RecordFields mapper;

    JsonLinesRecords(String file, InputStream in, RecordFields mapper) {
        super(file, in, null);
        this.in = in;
        this.mapper = mapper;
    }

    @Override
    Row read() throws IOException {
        while (true) {
            int n = readLine();
            if (n < 0) {
                return null;
            }
            String text;
            try {
                text = FileParser.strictUtf8().decode(ByteBuffer.wrap(line, 0, n)).toString();
            } catch (CharacterCodingException e) {
                return RawRecords.error(file, index++, new String(line, 0, Math.min(n, RawRecords.MAX_RAW_CHARS),
                        StandardCharsets.ISO_8859_1), "not valid UTF-8: " + e.getMessage());
            }
            if (!text.isBlank()) {
                return parse(text, index++);
            }
        }
    }

    private Row parse(String text, long i) {
        try {
            return mapper.fromJson(file, i, RecordFields.JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return RawRecords.error(file, i, text, "malformed JSON line: " + FileParser.oneLine(e.getMessage()));
        }
    }

    /** Reads the next line's bytes (without \n or \r\n) into line; its length, or -1 at the end. */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    // an empty last line without \n is not a line
                    return n == 0 ? -1 : finish(n);
                }
            }
            int end = pos;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int len = end - pos;
            if (n + len > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, n + len));
            }
            System.arraycopy(buffer, pos, line, n, len);
            n += len;
            if (end < limit) {
                pos = end + 1;
                return finish(n);
            }
            pos = limit;
        }
    }

    private int finish(int n) {
        return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
    }
}
