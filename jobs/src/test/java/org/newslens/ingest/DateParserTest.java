package org.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2019-01-04|2019-01-04",
        "2022-03-01 22:33:33+00:00|2022-03-01",
        "2022-03-01T23:30:00-02:00|2022-03-02",
        "2022-03-01T10:00:00Z|2022-03-01",
        "2022-03-01T10:00:00.123456Z|2022-03-01",
        "2022-03-01T10:00:00|2022-03-01",
        "Tue, 1 Mar 2022 22:33:33 GMT|2022-03-01",
        "Tue, 01 Mar 2022 22:33:33 +0100|2022-03-01",
        "Friday, January 4, 2019|2019-01-04",
        "January 4, 2019|2019-01-04",
        "Jan 4, 2019|2019-01-04",
        "4 January 2019|2019-01-04",
        "04.01.2019|2019-01-04",
        "2019/01/04|2019-01-04",
        "1546560000|2019-01-04",
        "1546560000000|2019-01-04",
    })
    void parsesCommonFormats(String text, String expected) {
        assertEquals(LocalDate.parse(expected), DateParser.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "yesterday", "2019-13-45", "not a date at all"})
    void unparseableIsNull(String text) {
        assertNull(DateParser.parse(text));
    }
}
