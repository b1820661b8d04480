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
 *
 * <p>A large uncompressed file is read in byte ranges (splits), as Hadoop's LineRecordReader does: the split
 * [start, end) owns every line that starts inside it. A split after the first is opened at start - 1 and skips
 * through the first '\n' (so a line starting exactly at start is its own, and a line begun before is the previous
 * split's); it reads past end to finish its last line. Its first record_index comes from a count of the records
 * of the splits before it ({@link #count()}, the same line reader without JSON parsing).
 */
final class JsonLinesRecords extends StreamedRecords {
    private final InputStream in;
    private final byte[] buffer = new byte[65536];
    private int pos;
    private int limit;
    private byte[] line = new byte[8192];

    private final RecordFields mapper;
    /** File offset of buffer[pos], the next byte not yet taken. */
    private long position;
    /** Lines starting at or after this offset belong to the next split. */
    private final long end;
    /** Whether the bytes up to and including the first '\n' are the end of the previous split's line. */
    private boolean skipFirst;
    /** After a {@link #COUNT} scan: whether the line holds an ASCII byte that is not whitespace. */
    private boolean content;

    JsonLinesRecords(String file, InputStream in, RecordFields mapper) {
        this(file, in, mapper, 0, Long.MAX_VALUE, false, 0);
    }

    /**
     * A split: in is at file offset position (start, or start - 1 with skipFirst); lines starting before end are
     * read, numbered from firstIndex.
     */
    JsonLinesRecords(String file, InputStream in, RecordFields mapper, long position, long end, boolean skipFirst,
                     long firstIndex) {
        super(file, in, null);
        this.in = in;
        this.mapper = mapper;
        this.position = position;
        this.end = end;
        this.skipFirst = skipFirst;
        this.index = firstIndex;
    }

    @Override
    Row read() throws IOException {
        while (true) {
            int n = owned() ? scan(COPY) : -1;
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

    /**
     * How many records the lines of this range hold, without parsing them: the lines {@link #read()} would number,
     * i.e. the lines that are not valid UTF-8 or, decoded, not blank (String.isBlank). A line with an ASCII byte that
     * is not whitespace is a record either way, so only lines of whitespace and bytes >= 0x80 are decoded.
     */
    long count() throws IOException {
        long records = 0;
        int n;
        while (owned() && (n = scan(COUNT)) >= 0) {
            if (content || !blank(n)) {
                records++;
            }
        }
        return records;
    }

    /** Bytes of the file taken so far (including the line read past end). */
    long position() {
        return position;
    }

    private boolean blank(int n) {
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            ascii &= line[i] >= 0;
        }
        if (ascii) {
            return true; // only ASCII whitespace was copied
        }
        try {
            return FileParser.strictUtf8().decode(ByteBuffer.wrap(line, 0, n)).toString().isBlank();
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private Row parse(String text, long i) {
        try {
            return mapper.fromJson(file, i, RecordFields.JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return RawRecords.error(file, i, text, "malformed JSON line: " + FileParser.oneLine(e.getMessage()));
        }
    }

    /** Whether a line starting here is this range's (after skipping the previous split's last line). */
    private boolean owned() throws IOException {
        if (skipFirst) {
            skipFirst = false;
            scan(SKIP);
        }
        return position < end;
    }

    /** Copy the line's bytes into line. */
    private static final int COPY = 0;
    /** Copy only while no ASCII byte that is not whitespace was seen; sets content. */
    private static final int COUNT = 1;
    /** Copy nothing. */
    private static final int SKIP = 2;

    /**
     * Takes the next line (through its \n); returns the length of the bytes copied into line (without \n or \r\n),
     * or -1 at the end of the file.
     */
    private int scan(int mode) throws IOException {
        int n = 0;
        boolean any = false;
        content = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    // an empty last line without \n is not a line
                    return !any ? -1 : finish(n);
                }
            }
            int stop = pos;
            while (stop < limit && buffer[stop] != '\n') {
                stop++;
            }
            int len = stop - pos;
            any |= len > 0;
            int copy = mode == COPY ? len : 0;
            if (mode == COUNT && !content) {
                copy = len;
                for (int i = pos; i < stop; i++) {
                    byte b = buffer[i];
                    if (b >= 0 && !Character.isWhitespace(b)) {
                        content = true;
                        copy = 0;
                        break;
                    }
                }
            }
            if (copy > 0) {
                if (n + copy > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, n + copy));
                }
                System.arraycopy(buffer, pos, line, n, copy);
                n += copy;
            }
            position += len;
            if (stop < limit) {
                pos = stop + 1;
                position++;
                return finish(n);
            }
            pos = limit;
        }
    }

    private int finish(int n) {
        return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
    }
}
