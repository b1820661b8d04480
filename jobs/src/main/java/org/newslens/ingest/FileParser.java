package org.newslens.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Turns one input file into raw records. Runs on executors; every failure becomes a record with an
 * error (a reject with a reason), never an exception that would fail the job.
 */
public final class FileParser implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FieldMapping fields;
    private final long maxFileBytes;
    private final Map<String, String> hadoopConf;

    public FileParser(FieldMapping fields, long maxFileBytes, Map<String, String> hadoopConf) {
        this.fields = fields;
        this.maxFileBytes = maxFileBytes;
        this.hadoopConf = hadoopConf;
    }

    /**
     * The file's records. Plain text is read whole (one article per file, at most --max-file-bytes); JSON arrays,
     * JSON Lines and CSV are streamed record by record, so their size is not limited by memory.
     */
    public Iterator<Row> parse(String file) {
        try {
            InputFormat format = InputFormat.of(file).orElseThrow();
            return switch (format) {
                case TXT -> parseText(file);
                case JSON, JSONL, CSV -> stream(file, format);
                default -> one(RawRecords.error(file, null, null, "format " + format + " is not read line by line"));
            };
        } catch (IOException | UncheckedIOException e) {
            return one(RawRecords.error(file, null, null, "cannot read file: " + e.getMessage()));
        } catch (RuntimeException e) {
            return one(RawRecords.error(file, null, null, "cannot parse file: " + e));
        }
    }

    private static Iterator<Row> one(Row row) {
        return List.of(row).iterator();
    }

    private Iterator<Row> parseText(String file) throws IOException {
        byte[] bytes = readBytes(file);
        if (bytes == null) {
            return one(RawRecords.error(file, null, null, "file is larger than --max-file-bytes " + maxFileBytes));
        }
        String content;
        try {
            content = decodeUtf8(bytes);
        } catch (CharacterCodingException e) {
            return one(RawRecords.error(file, null, latin1Preview(bytes), "not valid UTF-8: " + e.getMessage()));
        }
        if (content.indexOf('\u0000') >= 0) {
            return one(RawRecords.error(file, null, null, "binary content (NUL bytes), not text"));
        }
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1);
        }
        if (content.isBlank()) {
            return one(RawRecords.error(file, null, null, "empty file"));
        }
        return one(parseTxt(file, content));
    }

    private FileSystem fileSystem(Path path) throws IOException {
        Configuration conf = new Configuration(false);
        hadoopConf.forEach(conf::set);
        return path.getFileSystem(conf);
    }

    private byte[] readBytes(String file) throws IOException {
        Path path = new Path(file);
        FileSystem fs = fileSystem(path);
        if (fs.getFileStatus(path).getLen() > maxFileBytes) {
            return null;
        }
        try (FSDataInputStream raw = fs.open(path)) {
            InputStream in = InputFormat.isGzip(file) ? new GZIPInputStream(raw, 65536) : raw;
            return readLimited(in, maxFileBytes);
        }
    }

    /** Reads at most limit bytes; null when the (decompressed) content is larger. */
    private static byte[] readLimited(InputStream in, long limit) throws IOException {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        long total = 0;
        int n;
        while ((n = in.read(chunk)) > 0) {
            total += n;
            if (total > limit) {
                return null;
            }
            buf.write(chunk, 0, n);
        }
        return buf.toByteArray();
    }

    static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        return strictUtf8().decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String latin1Preview(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, RawRecords.MAX_RAW_CHARS), StandardCharsets.ISO_8859_1);
    }

    private static Row parseTxt(String file, String content) {
        String[] lines = content.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        String title = i < lines.length ? lines[i].strip() : "";
        String text = i + 1 < lines.length ? String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length)) : "";
        return RawRecords.record(file, 0, null, title, text, null, null, null, null, content);
    }

    /** Bytes looked at before parsing, for NUL bytes (binary files) and a preview of undecodable text. */
    private static final int HEAD_BYTES = 8192;

    private Iterator<Row> stream(String file, InputFormat format) throws IOException {
        Path path = new Path(file);
        FileSystem fs = fileSystem(path);
        long length = fs.getFileStatus(path).getLen();
        FSDataInputStream raw = fs.open(path);
        boolean handedOver = false;
        try {
            BufferedInputStream in = new BufferedInputStream(InputFormat.isGzip(file) ? new GZIPInputStream(raw, 65536) : raw, 65536);
            in.mark(HEAD_BYTES);
            byte[] head = in.readNBytes(HEAD_BYTES);
            in.reset();
            for (byte b : head) {
                if (b == 0) {
                    return one(RawRecords.error(file, null, null, "binary content (NUL bytes), not text"));
                }
            }
            int c = skipBlank(in);
            if (c == -1) {
                return one(RawRecords.error(file, null, null, "empty file"));
            }
            if (format == InputFormat.JSON && c == '{' && length > maxFileBytes) {
                return one(RawRecords.error(file, null, null,
                        "a JSON file holding one object is read whole: larger than --max-file-bytes " + maxFileBytes));
            }
            StreamedRecords records;
            if (format == InputFormat.JSONL) {
                records = new JsonLinesRecords(file, in);
            } else {
                RecentChars recent = new RecentChars(new InputStreamReader(in, strictUtf8()));
                try {
                    records = format == InputFormat.CSV ? csv(file, recent) : new JsonRecords(file, recent);
                } catch (CharacterCodingException e) {
                    return one(RawRecords.error(file, null, latin1Preview(head), "not valid UTF-8: " + e.getMessage()));
                }
            }
            handedOver = true;
            return records.closeWithTask();
        } finally {
            if (!handedOver) {
                raw.close();
            }
        }
    }

    /**
     * Skips a byte order mark and blank lines (insignificant before a JSON value or a CSV header); returns the first
     * other byte, left unread, or -1 at the end.
     */
    private static int skipBlank(BufferedInputStream in) throws IOException {
        in.mark(3);
        if (in.read() != 0xEF || in.read() != 0xBB || in.read() != 0xBF) {
            in.reset();
        }
        while (true) {
            in.mark(1);
            int b = in.read();
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                if (b != -1) {
                    in.reset();
                }
                return b;
            }
        }
    }

    /** CSV records; one reject when the header row is unusable (duplicate names, say). */
    private StreamedRecords csv(String file, RecentChars recent) throws IOException {
        try {
            return new CsvRecords(file, recent);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException cce) {
                throw cce;
            }
            return new Failed(file, recent, "malformed CSV header: " + oneLine(e.getMessage()));
        }
    }

    /** A file that yields one reject. */
    private static final class Failed extends StreamedRecords {
        private final String reason;

        Failed(String file, RecentChars recent, String reason) {
            super(file, recent, recent);
            this.reason = reason;
        }

        @Override
        Row read() {
            stop();
            return RawRecords.error(file, null, recent.around(0), reason);
        }
    }

    /** Records of a streamed file, produced one at a time; the file is closed at the end or with the task. */
    private abstract static class StreamedRecords implements Iterator<Row> {
        final String file;
        /** The decoded text read so far (null for JSON Lines, which decodes line by line). */
        final RecentChars recent;
        private final java.io.Closeable input;
        long index;
        private Row pending;
        private boolean done;

        StreamedRecords(String file, java.io.Closeable input, RecentChars recent) {
            this.file = file;
            this.input = input;
            this.recent = recent;
        }

        /** The next row, or null at the end; a row that ends the file (an unrecoverable error) calls stop(). */
        abstract Row read() throws IOException;

        void stop() {
            done = true;
        }

        Iterator<Row> closeWithTask() {
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((TaskCompletionListener) ctx -> close());
            }
            return this;
        }

        @Override
        public boolean hasNext() {
            if (pending == null && !done) {
                try {
                    pending = read();
                } catch (CharacterCodingException e) {
                    pending = RawRecords.error(file, index, recent == null ? null : recent.around(recent.position()),
                            "not valid UTF-8 from record " + index + " on: " + e.getMessage());
                    done = true;
                } catch (IOException | UncheckedIOException e) {
                    pending = RawRecords.error(file, index, null, "cannot read file from record " + index + " on: " + oneLine(e.getMessage()));
                    done = true;
                } catch (RuntimeException e) {
                    pending = RawRecords.error(file, index, null, "cannot parse file from record " + index + " on: " + oneLine(e.toString()));
                    done = true;
                }
                if (pending == null || done) {
                    done = true;
                    close();
                }
            }
            return pending != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            Row r = pending;
            pending = null;
            return r;
        }

        void close() {
            try {
                input.close();
            } catch (IOException e) {
                // nothing was written; the records read so far stand
            }
        }
    }

    /**
     * One JSON object per line (blank lines skipped). Lines are split on bytes and decoded one by one, so a line
     * that is not UTF-8 is one reject and the lines after it are still read.
     */
    private final class JsonLinesRecords extends StreamedRecords {
        private final InputStream in;
        private final byte[] buffer = new byte[65536];
        private int pos;
        private int limit;
        /** Bytes of a line have been read (an empty last line without \n is not a line). */
        private boolean partial;
        private byte[] line = new byte[8192];

        JsonLinesRecords(String file, InputStream in) {
            super(file, in, null);
            this.in = in;
        }

        @Override
        Row read() throws IOException {
            int n;
            do {
                n = readLine();
            } while (n == 0);
            if (n < 0) {
                return null;
            }
            long i = index++;
            String text;
            try {
                text = strictUtf8().decode(ByteBuffer.wrap(line, 0, n)).toString();
            } catch (CharacterCodingException e) {
                return RawRecords.error(file, i, new String(line, 0, Math.min(n, RawRecords.MAX_RAW_CHARS), StandardCharsets.ISO_8859_1),
                        "not valid UTF-8: " + e.getMessage());
            }
            if (text.isBlank()) {
                index--;
                return read();
            }
            try {
                return fromJson(file, i, JSON.readTree(text));
            } catch (JsonProcessingException e) {
                return RawRecords.error(file, i, text, "malformed JSON line: " + oneLine(e.getMessage()));
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
                        return n == 0 && !partial ? -1 : finish(n);
                    }
                }
                int end = pos;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                int len = end - pos;
                if (n + len > line.length) {
                    line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, n + len));
                }
                System.arraycopy(buffer, pos, line, n, len);
                n += len;
                if (end < limit) {
                    pos = end + 1;
                    return finish(n);
                }
                pos = limit;
                partial = true;
            }
        }

        private int finish(int n) {
            partial = false;
            return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
        }
    }

    /**
     * A JSON array of objects, streamed item by item so that the items before a truncation or a syntax error are
     * kept; or one object (an article, or a wrapper whose only array holds the articles), read whole.
     */
    private final class JsonRecords extends StreamedRecords {
        private final JsonParser parser;
        private Iterator<JsonNode> wrapped;
        private boolean started;

        JsonRecords(String file, RecentChars recent) throws IOException {
            super(file, recent, recent);
            this.parser = JSON.getFactory().createParser(recent);
        }

        @Override
        Row read() throws IOException {
            try {
                if (!started) {
                    started = true;
                    JsonToken first = parser.nextToken();
                    if (first == JsonToken.START_OBJECT) {
                        JsonNode node = parser.readValueAsTree();
                        JsonNode items = singleArrayOfObjects(node);
                        if (items == null) {
                            stop();
                            return fromJson(file, index++, node);
                        }
                        wrapped = items.iterator();
                    } else if (first != JsonToken.START_ARRAY) {
                        stop();
                        return RawRecords.error(file, null, recent.around(0), "not a JSON array or object");
                    }
                }
                if (wrapped != null) {
                    return wrapped.hasNext() ? fromJson(file, index++, wrapped.next()) : null;
                }
                JsonToken t = parser.nextToken();
                if (t == JsonToken.END_ARRAY || t == null) {
                    return null;
                }
                JsonNode item = parser.readValueAsTree();
                return fromJson(file, index++, item);
            } catch (JsonProcessingException e) {
                stop();
                var at = e.getLocation();
                String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
                long offset = at == null || at.getCharOffset() < 0 ? recent.position() : at.getCharOffset();
                return RawRecords.error(file, index, recent.around(offset), "malformed JSON from record " + index
                        + " on" + where + ": " + oneLine(e.getOriginalMessage()));
            }
        }
    }

    /** CSV with a header row (commons-csv: quoted fields may span lines). */
    private final class CsvRecords extends StreamedRecords {
        private final CSVParser parser;
        private final Iterator<CSVRecord> it;
        private final List<String> keys;

        CsvRecords(String file, RecentChars recent) throws IOException {
            super(file, recent, recent);
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).build();
            this.parser = CSVParser.parse(recent, format);
            this.keys = parser.getHeaderNames();
            this.it = parser.iterator();
        }

        @Override
        Row read() throws IOException {
            CSVRecord r;
            try {
                if (!it.hasNext()) {
                    return null;
                }
                r = it.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                if (e.getCause() instanceof CharacterCodingException cce) {
                    throw cce;
                }
                stop();
                return RawRecords.error(file, index, recent.around(recent.position()), "malformed CSV from record " + index + ": "
                        + oneLine(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            }
            long i = index++;
            if (!r.isConsistent()) {
                return RawRecords.error(file, i, String.join(",", r.values()), "malformed CSV: record has "
                        + r.size() + " fields, header has " + keys.size());
            }
            return RawRecords.record(file, i,
                    get(r, keys, fields.id()), get(r, keys, fields.title()), get(r, keys, fields.text()),
                    get(r, keys, fields.date()), get(r, keys, fields.url()), get(r, keys, fields.source()),
                    get(r, keys, fields.language()), String.join(",", r.values()));
        }
    }

    private static JsonNode singleArrayOfObjects(JsonNode object) {
        JsonNode found = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            JsonNode v = it.next().getValue();
            if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
                if (found != null) {
                    return null;
                }
                found = v;
            } else if (v.isTextual() && v.asText().length() > 0 && object.size() > 1) {
                // An object with text fields of its own is an article, not a wrapper.
                return null;
            }
        }
        return found;
    }

    private Row fromJson(String file, long index, JsonNode node) {
        String raw = node.toString();
        if (!node.isObject()) {
            return RawRecords.error(file, index, raw, "JSON record is not an object");
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        String[] values = new String[7];
        List<List<String>> candidates = List.of(fields.id(), fields.title(), fields.text(), fields.date(),
                fields.url(), fields.source(), fields.language());
        String[] names = {"id", "title", "text", "date", "url", "source", "language"};
        for (int f = 0; f < values.length; f++) {
            String key = FieldMapping.find(candidates.get(f), keys);
            if (key == null) {
                continue;
            }
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isContainerNode()) {
                return RawRecords.error(file, index, raw, "wrong type: field '" + key + "' (" + names[f] + ") is a JSON "
                        + (v.isArray() ? "array" : "object") + ", expected text");
            }
            values[f] = v.asText();
        }
        return RawRecords.record(file, index, values[0], values[1], values[2], values[3], values[4], values[5],
                values[6], raw);
    }

    private static String get(CSVRecord r, List<String> keys, List<String> candidates) {
        String key = FieldMapping.find(candidates, keys);
        if (key == null) {
            return null;
        }
        String v = r.get(key);
        return v == null || v.isEmpty() ? null : v;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

}
