package org.newslens.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses the dates news inputs carry: ISO 8601 dates and date-times, RFC 1123 (RSS pubDate),
 * "Friday, January 4, 2019", "4 January 2019", "Jan 4, 2019", dd.MM.yyyy, yyyy/MM/dd and Unix epoch
 * seconds or milliseconds. Date-times with an offset are converted to the UTC calendar date.
 */
public final class DateParser {
    private DateParser() {
    }

    private static final Pattern EPOCH = Pattern.compile("\\d{9,13}");

    private static final List<DateTimeFormatter> ZONED = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.ISO_ZONED_DATE_TIME,
            new DateTimeFormatterBuilder().parseCaseInsensitive().append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME).appendOffset("+HH:MM", "Z").toFormatter(Locale.ROOT),
            new DateTimeFormatterBuilder().parseCaseInsensitive().append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME).appendOffset("+HHMM", "Z").toFormatter(Locale.ROOT),
            DateTimeFormatter.RFC_1123_DATE_TIME,
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("EEE, d MMM yyyy HH:mm[:ss] z").toFormatter(Locale.ENGLISH));

    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ')
                    .append(DateTimeFormatter.ISO_LOCAL_TIME).toFormatter(Locale.ROOT),
            DateTimeFormatter.ISO_LOCAL_DATE,
            fmt("EEEE, MMMM d, yyyy"), fmt("EEEE, d MMMM yyyy"), fmt("MMMM d, yyyy"), fmt("MMM d, yyyy"),
            fmt("MMM. d, yyyy"), fmt("d MMMM yyyy"), fmt("d MMM yyyy"), fmt("EEE, d MMM yyyy"),
            fmt("yyyy/MM/dd"), fmt("dd.MM.yyyy"), fmt("yyyyMMdd"), fmt("MMMM d yyyy"));

    private static DateTimeFormatter fmt(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .parseDefaulting(ChronoField.ERA, 1).toFormatter(Locale.ENGLISH);
    }

    /** The UTC calendar date, or null when the text is not a date in a known format. */
    public static LocalDate parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip().replaceAll("\\s+", " ");
        if (EPOCH.matcher(s).matches()) {
            long v = Long.parseLong(s);
            Instant i = s.length() >= 12 ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
            return i.atZone(ZoneOffset.UTC).toLocalDate();
        }
        for (DateTimeFormatter f : ZONED) {
            try {
                TemporalAccessor t = f.parse(s);
                return ZonedDateTime.from(t).withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
            } catch (java.time.DateTimeException e) {
                // try the next format
            }
        }
        for (DateTimeFormatter f : LOCAL) {
            try {
                TemporalAccessor t = f.parse(s);
                return LocalDate.from(t);
            } catch (java.time.DateTimeException e) {
                // try the next format
            }
        }
        return null;
    }

}
