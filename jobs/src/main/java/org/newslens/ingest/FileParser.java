package org.newslens.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;

/**
 * Turns one input file into raw records. Runs on executors; every failure becomes a record with an
 * error (a reject with a reason), never an exception that would fail the job.
 */
public final class FileParser implements Serializable {

    private final RecordFields mapper;
    private final long maxFileBytes;
    private final Map<String, String> hadoopConf;

    public FileParser(FieldMapping fields, long maxFileBytes, Map<String, String> hadoopConf) {
        this.mapper = new RecordFields(fields);
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

    static CharsetDecoder strictUtf8() {
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

    /** Bytes looked at before parsing, for NUL bytes (binary files). */
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
            long skipped = skipBlank(in);
            in.mark(1);
            int c = in.read();
            in.reset();
            if (c == -1) {
                return one(RawRecords.error(file, null, null, "empty file"));
            }
            // Top-level objects are read whole: bound the memory one may take by the size of the file.
            if (format == InputFormat.JSON && c == '{' && length > maxFileBytes) {
                return one(RawRecords.error(file, null, null, "a JSON file of objects (read whole, one by one) is"
                        + " larger than --max-file-bytes " + maxFileBytes + "; name JSON Lines .jsonl to stream them"));
            }
            StreamedRecords records;
            if (format == InputFormat.JSONL) {
                records = new JsonLinesRecords(file, in, mapper);
            } else {
                Utf8Reader utf8 = new Utf8Reader(in, skipped);
                RecentChars recent = new RecentChars(utf8);
                records = format == InputFormat.CSV ? csv(file, recent, utf8) : new JsonArrayRecords(file, recent, utf8, mapper);
            }
            handedOver = true;
            records.beforeClose(() -> {
                try {
                    reportInput(raw.getPos());
                } catch (IOException e) {
                    // metrics only
                }
            });
            return records.closeWithTask();
        } finally {
            if (!handedOver) {
                raw.close();
            }
        }
    }

    /**
     * Skips a byte order mark and blank lines (insignificant before a JSON value or a CSV header); returns how many
     * bytes it skipped, so that offsets of bad bytes are the file's.
     */
    private static long skipBlank(BufferedInputStream in) throws IOException {
        long skipped = 3;
        in.mark(3);
        if (in.read() != 0xEF || in.read() != 0xBB || in.read() != 0xBF) {
            in.reset();
            skipped = 0;
        }
        while (true) {
            in.mark(1);
            int b = in.read();
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                if (b != -1) {
                    in.reset();
                }
                return skipped;
            }
            skipped++;
        }
    }

    /**
     * A byte range of an uncompressed JSON Lines file, read by one task: it owns the lines that start in [start, end)
     * (see {@link JsonLinesRecords}); first is the file's first split, which starts at the first line (after a byte
     * order mark and leading blank lines); firstIndex is the record_index of its first record.
     */
    public record Split(String file, long start, long end, boolean first, long firstIndex) implements Serializable {
        public Split withFirstIndex(long index) {
            return new Split(file, start, end, first, index);
        }
    }

    /** The head of a .json file looked at to decide whether it is JSON Lines; its first line must end within it. */
    static final int SNIFF_BYTES = 1 << 20;
    /** Complete lines in this many bytes of a .json file's head must each be one object for it to be JSON Lines. */
    static final int SNIFF_LINES_BYTES = 65536;

    /**
     * On the driver: the splits of splitBytes each of a file of length bytes, or an empty list when the file is read
     * whole by {@link #parse(String)} as before. Split are uncompressed .jsonl/.ndjson files, and uncompressed .json
     * files that are JSON Lines (see {@link #jsonLines}), larger than splitBytes. The checks on the whole file are
     * made here, on its head: a file with NUL bytes in its first 8 KB (binary) or with nothing but blank lines at its
     * start is read whole, which rejects it as before; the first split starts after the byte order mark and leading
     * blank lines, which reading whole skips too.
     */
    public List<Split> plan(String file, long length, long splitBytes) throws IOException {
        InputFormat format = InputFormat.of(file).orElse(null);
        if (InputFormat.isGzip(file) || (format != InputFormat.JSONL && format != InputFormat.JSON) || length <= splitBytes) {
            return List.of();
        }
        Path path = new Path(file);
        long contentStart;
        try (BufferedInputStream in = new BufferedInputStream(fileSystem(path).open(path), 65536)) {
            in.mark(HEAD_BYTES);
            byte[] head = in.readNBytes(HEAD_BYTES);
            in.reset();
            for (byte b : head) {
                if (b == 0) {
                    return List.of();
                }
            }
            contentStart = skipBlank(in);
            if (contentStart >= HEAD_BYTES || contentStart >= length) {
                return List.of();
            }
            if (format == InputFormat.JSON && !jsonLines(in)) {
                return List.of();
            }
        }
        List<Split> splits = new java.util.ArrayList<>();
        for (long start = contentStart; start < length; start += splitBytes) {
            splits.add(new Split(file, start, Math.min(length, start + splitBytes), start == contentStart, 0));
        }
        return splits;
    }

    /**
     * Whether a .json file (in at its first non-blank byte) is JSON Lines, one article object per line, and may be
     * split and read as such: its first line ends within 1 MB, and every complete non-blank line in its first 64 KB
     * (at least the first line) is valid UTF-8 holding exactly one JSON object that is not a wrapper of articles
     * ({"items": [...]}, which reading whole would unwrap). A file of one object per line gives the same records
     * either way; read as JSON Lines, a line that is malformed later in the file is one reject and reading goes on
     * (read whole, a syntax error ends the file).
     */
    private boolean jsonLines(BufferedInputStream in) throws IOException {
        byte[] head = in.readNBytes(SNIFF_BYTES);
        int lineStart = 0;
        int lines = 0;
        for (int i = 0; i < head.length; i++) {
            if (head[i] != '\n') {
                continue;
            }
            if (lines > 0 && i >= SNIFF_LINES_BYTES) {
                break;
            }
            String text;
            try {
                text = strictUtf8().decode(ByteBuffer.wrap(head, lineStart, i - lineStart)).toString();
            } catch (CharacterCodingException e) {
                return false;
            }
            lineStart = i + 1;
            if (text.isBlank()) {
                continue;
            }
            if (!oneObject(text)) {
                return false;
            }
            lines++;
        }
        return lines > 0;
    }

    private boolean oneObject(String text) {
        try (com.fasterxml.jackson.core.JsonParser p = RecordFields.JSON.getFactory().createParser(text)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return false;
            }
            com.fasterxml.jackson.databind.JsonNode node = p.readValueAsTree();
            return p.nextToken() == null && mapper.articles(node) == null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * On an executor: the number of records of a split (the pre-pass that gives each split its first record_index),
     * or -1 when the file cannot be read (it is then read whole, which rejects it with the reason).
     */
    public long count(Split split) {
        try (FSDataInputStream raw = open(split)) {
            long records = lines(split, raw).count();
            reportInput(raw.getPos() - offset(split));
            return records;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** On an executor: the records of a split, numbered from its firstIndex. */
    public Iterator<Row> parse(Split split) {
        FSDataInputStream raw = null;
        try {
            raw = open(split);
            JsonLinesRecords records = lines(split, raw);
            records.beforeClose(() -> reportInput(records.position() - offset(split)));
            return records.closeWithTask();
        } catch (IOException | RuntimeException e) {
            if (raw != null) {
                try {
                    raw.close();
                } catch (IOException ignored) {
                    // the reject below says why
                }
            }
            return one(RawRecords.error(split.file(), split.firstIndex(), null, "cannot read file from record "
                    + split.firstIndex() + " on: " + oneLine(e.getMessage())));
        }
    }

    private static long offset(Split split) {
        return split.first() ? split.start() : split.start() - 1;
    }

    private FSDataInputStream open(Split split) throws IOException {
        Path path = new Path(split.file());
        FSDataInputStream raw = fileSystem(path).open(path);
        raw.seek(offset(split));
        return raw;
    }

    private JsonLinesRecords lines(Split split, FSDataInputStream raw) {
        return new JsonLinesRecords(split.file(), raw, mapper, offset(split), split.end(), !split.first(),
                split.firstIndex());
    }

    /**
     * Adds the bytes a task read to its input metrics, which Spark fills only for its own file sources: the UI's
     * Input column and the event log's Input Metrics then show how the reading was spread over executors.
     * (incBytesRead is private[spark] in Scala, public in the bytecode.)
     */
    private static void reportInput(long bytes) {
        TaskContext task = TaskContext.get();
        if (task != null && bytes > 0) {
            task.taskMetrics().inputMetrics().incBytesRead(bytes);
        }
    }

    /** CSV records; one reject when the header row is unusable (duplicate names, say). */
    private StreamedRecords csv(String file, RecentChars recent, Utf8Reader utf8) throws IOException {
        try {
            return new CsvRecords(file, recent, utf8, mapper);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return new StreamedRecords.Failed(file, recent, "malformed CSV header: " + oneLine(e.getMessage()));
        }
    }

    public static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

}
