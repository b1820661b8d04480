package org.newslens.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
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

    CsvRecords(String file, RecentChars recent, RecordFields mapper) throws IOException {
        super(file, recent, recent);
        this.mapper = mapper;
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
                    + FileParser.oneLine(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
        long i = index++;
        if (!r.isConsistent()) {
            return RawRecords.error(file, i, String.join(",", r.values()), "malformed CSV: record has "
                    + r.size() + " fields, header has " + keys.size());
        }
        return mapper.fromCsv(file, i, r, keys);
    }
}
