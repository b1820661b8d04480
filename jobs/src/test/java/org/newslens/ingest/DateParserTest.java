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
        // offsets without a colon, zone names, a space instead of the 'T'
        "2019-01-04T10:00:00+0000|2019-01-04",
        "2019-01-04T23:30:00-0500|2019-01-05",
        "2019-01-04 10:00:00 UTC|2019-01-04",
        "2019-01-04 22:00:00 EST|2019-01-05",
        "2019-01-04 10:00:00 +01|2019-01-04",
        // a trailing time of day, AP "Sept.", a leading weekday in any form
        "'January 4, 2019 10:30 AM'|2019-01-04",
        "'Jan. 4, 2019, 10:30 p.m.'|2019-01-04",
        "4 January 2019 at 23:15|2019-01-04",
        "'Sept. 4, 2019'|2019-09-04",
        "'Sept 4, 2019'|2019-09-04",
        "'Fri, January 4, 2019'|2019-01-04",
        "'Fri., 4 Jan 2019'|2019-01-04",
        "'Thursday, January 4, 2019'|2019-01-04",
        "Tue, 01 Mar 2022|2022-03-01",
    })
    void parsesCommonFormats(String text, String expected) {
        assertEquals(LocalDate.parse(expected), DateParser.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "yesterday", "2019-13-45", "not a date at all", "January 4, 2019 25:30",
        "Sept. 32, 2019", "Funday, January 4, 2019x"})
    void unparseableIsNull(String text) {
        assertNull(DateParser.parse(text));
    }
}
