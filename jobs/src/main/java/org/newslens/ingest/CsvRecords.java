package org.newslens.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;

/** CSV with a header row (commons-csv: quoted fields may span lines). */
final class CsvRecords extends StreamedRecords {
    private final CSVParser parser;
    private final Iterator<CSVRecord> it;
    private final List<String> keys;

    private final RecordFields mapper;
    private final Utf8Reader utf8;
    /** The record after the one returned: where it starts is where the returned one ends (for its bad bytes). */
    private CSVRecord ahead;
    private boolean started;
    /** A parse error met while reading ahead, returned after the records before it. */
    private RuntimeException failure;

    CsvRecords(String file, RecentChars recent, Utf8Reader utf8, RecordFields mapper) throws IOException {
        super(file, recent, recent);
        this.mapper = mapper;
        this.utf8 = utf8;
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).build();
        this.parser = CSVParser.parse(recent, format);
        this.keys = parser.getHeaderNames();
        this.it = parser.iterator();
    }

    @Override
    Row read() {
        if (!started) {
            started = true;
            ahead = fetch();
        }
        if (ahead == null) {
            return failure == null ? null : malformed();
        }
        CSVRecord r = ahead;
        ahead = fetch();
        long i = index++;
        long[] bad = utf8.badByte(r.getCharacterPosition(), ahead == null ? Long.MAX_VALUE : ahead.getCharacterPosition());
        if (bad != null) {
            return RawRecords.error(file, i, String.join(",", r.values()), "not valid UTF-8 " + Utf8Reader.reason(bad));
        }
        if (!r.isConsistent()) {
            return RawRecords.error(file, i, String.join(",", r.values()), "malformed CSV: record has "
                    + r.size() + " fields, header has " + keys.size());
        }
        return mapper.fromCsv(file, i, r, keys);
    }

    /** The next record, or null at the end or at a parse error (kept in failure). */
    private CSVRecord fetch() {
        try {
            return it.hasNext() ? it.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            failure = e;
            return null;
        }
    }

    private Row malformed() {
        stop();
        return RawRecords.error(file, index, recent.around(recent.position()), "malformed CSV from record " + index + ": "
                + FileParser.oneLine(failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage()));
    }
}
