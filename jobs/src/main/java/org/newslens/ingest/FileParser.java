package org.newslens.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
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
import org.apache.spark.sql.Row;

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

    public Iterator<Row> parse(String file) {
        List<Row> out = new ArrayList<>();
        try {
            byte[] bytes = readBytes(file);
            if (bytes == null) {
                out.add(RawRecords.error(file, null, null, "file is larger than --max-file-bytes " + maxFileBytes));
                return out.iterator();
            }
            String content;
            try {
                content = decodeUtf8(bytes);
            } catch (CharacterCodingException e) {
                out.add(RawRecords.error(file, null, latin1Preview(bytes), "not valid UTF-8: " + e.getMessage()));
                return out.iterator();
            }
            if (content.indexOf('\u0000') >= 0) {
                out.add(RawRecords.error(file, null, null, "binary content (NUL bytes), not text"));
                return out.iterator();
            }
            if (content.startsWith("\uFEFF")) {
                content = content.substring(1);
            }
            if (content.isBlank()) {
                out.add(RawRecords.error(file, null, null, "empty file"));
                return out.iterator();
            }
            InputFormat format = InputFormat.of(file).orElseThrow();
            switch (format) {
                case TXT -> parseTxt(file, content, out);
                case JSON -> parseJson(file, content, out);
                case JSONL -> parseJsonLines(file, content, out);
                case CSV -> parseCsv(file, content, out);
                default -> out.add(RawRecords.error(file, null, null, "format " + format + " is not read line by line"));
            }
        } catch (IOException | UncheckedIOException e) {
            out.add(RawRecords.error(file, null, null, "cannot read file: " + e.getMessage()));
        } catch (RuntimeException e) {
            out.add(RawRecords.error(file, null, null, "cannot parse file: " + e));
        }
        return out.iterator();
    }

    private byte[] readBytes(String file) throws IOException {
        Configuration conf = new Configuration(false);
        hadoopConf.forEach(conf::set);
        Path path = new Path(file);
        FileSystem fs = path.getFileSystem(conf);
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
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
        return chars.toString();
    }

    private static String latin1Preview(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, RawRecords.MAX_RAW_CHARS), StandardCharsets.ISO_8859_1);
    }

    private static void parseTxt(String file, String content, List<Row> out) {
        String[] lines = content.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        String title = i < lines.length ? lines[i].strip() : "";
        String text = i + 1 < lines.length ? String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length)) : "";
        out.add(RawRecords.record(file, 0, null, title, text, null, null, null, null, content));
    }

    private void parseJson(String file, String content, List<Row> out) {
        JsonFactory factory = JSON.getFactory();
        long index = 0;
        try (JsonParser p = factory.createParser(new StringReader(content))) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                JsonNode node = p.readValueAsTree();
                JsonNode wrapped = singleArrayOfObjects(node);
                if (wrapped == null) {
                    out.add(fromJson(file, 0, node));
                    return;
                }
                for (JsonNode item : wrapped) {
                    out.add(fromJson(file, index++, item));
                }
                return;
            }
            if (first != JsonToken.START_ARRAY) {
                out.add(RawRecords.error(file, null, content, "not a JSON array or object"));
                return;
            }
            // Stream the array so that the items before a truncation or a syntax error are kept.
            while (true) {
                JsonToken t;
                try {
                    t = p.nextToken();
                    if (t == JsonToken.END_ARRAY || t == null) {
                        break;
                    }
                    JsonNode item = p.readValueAsTree();
                    out.add(fromJson(file, index, item));
                    index++;
                } catch (JsonParseException e) {
                    out.add(RawRecords.error(file, index, remainder(content, p), "malformed JSON from record " + index
                            + " on (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                            + "): " + e.getOriginalMessage()));
                    return;
                }
            }
        } catch (IOException e) {
            out.add(RawRecords.error(file, index, content, "malformed JSON: " + oneLine(e.getMessage())));
        }
    }

    private static String remainder(String content, JsonParser p) {
        long offset = p.currentLocation().getCharOffset();
        return offset >= 0 && offset < content.length() ? content.substring((int) Math.max(0, offset - 200)) : content;
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

    private void parseJsonLines(String file, String content, List<Row> out) {
        String[] lines = content.split("\r?\n");
        long index = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(fromJson(file, index, JSON.readTree(line)));
            } catch (IOException e) {
                out.add(RawRecords.error(file, index, line, "malformed JSON line: " + oneLine(e.getMessage())));
            }
            index++;
        }
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

    private void parseCsv(String file, String content, List<Row> out) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).build();
        long index = 0;
        try (CSVParser parser = CSVParser.parse(new StringReader(content), format)) {
            List<String> keys = parser.getHeaderNames();
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    out.add(RawRecords.error(file, index, null, "malformed CSV from record " + index + ": "
                            + oneLine(e.getCause() != null ? e.getCause().getMessage() : e.getMessage())));
                    return;
                }
                if (!r.isConsistent()) {
                    out.add(RawRecords.error(file, index, String.join(",", r.values()), "malformed CSV: record has "
                            + r.size() + " fields, header has " + keys.size()));
                    index++;
                    continue;
                }
                out.add(RawRecords.record(file, index,
                        get(r, keys, fields.id()), get(r, keys, fields.title()), get(r, keys, fields.text()),
                        get(r, keys, fields.date()), get(r, keys, fields.url()), get(r, keys, fields.source()),
                        get(r, keys, fields.language()), String.join(",", r.values())));
                index++;
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            out.add(RawRecords.error(file, index, null, "malformed CSV: " + oneLine(e.getMessage())));
        }
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
