package org.newslens.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.TextStyle;

import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses the dates news inputs carry: ISO 8601 dates and date-times (also with a space, "+0000" or "UTC"),
 * RFC 1123 (RSS pubDate), "January 4, 2019", "4 January 2019", "Jan 4, 2019", "Sept. 4, 2019", dd.MM.yyyy,
 * yyyy/MM/dd, each optionally with a leading weekday and a trailing time ("10:30 AM"), and Unix epoch
 * seconds or milliseconds. Date-times with an offset or zone are converted to the UTC calendar date.
 */
public final class DateParser {
    private DateParser() {
    }

    private static final Pattern EPOCH = Pattern.compile("\\d{9,13}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final List<DateTimeFormatter> ZONED = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.ISO_ZONED_DATE_TIME,
            // ISO-like date-times with 'T' or a space, an optional space, and the offset written +01:00, +0100 or +01
            isoWith(b -> b.appendOffset("+HH:MM", "Z")),
            isoWith(b -> b.appendOffset("+HHMM", "Z")),
            isoWith(b -> b.appendOffset("+HH", "Z")),
            // "2019-01-04 10:00:00 UTC", "... EST"
            isoWith(b -> b.appendZoneText(TextStyle.SHORT)),
            DateTimeFormatter.RFC_1123_DATE_TIME,
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("EEE, d MMM yyyy HH:mm[:ss] z").toFormatter(Locale.ENGLISH));

    /** Tried after a leading weekday and a trailing time of day are cut off (without a zone they do not change the date). */
    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ')
                    .append(DateTimeFormatter.ISO_LOCAL_TIME).toFormatter(Locale.ROOT),
            DateTimeFormatter.ISO_LOCAL_DATE,
            fmt("MMMM d, yyyy"), fmt("MMM d, yyyy"), fmt("MMM. d, yyyy"), fmt("d MMMM yyyy"), fmt("d MMM yyyy"),
            fmt("yyyy/MM/dd"), fmt("dd.MM.yyyy"), fmt("yyyyMMdd"), fmt("MMMM d yyyy"));

    /** "Friday, ", "Fri. ": the weekday adds nothing to the date, and a wrong one should not lose it. */
    private static final Pattern WEEKDAY = Pattern.compile("(?i)^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,? ");
    /** ", 10:30 AM", " at 22:15:00", " 10:30 p.m." at the end. */
    private static final Pattern TIME_OF_DAY = Pattern.compile(
            "(?i),? (at )?([01]?\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?( ?[ap]\\.?m\\.?)?$");
    /** AP style "Sept." is not among Java's English month abbreviations ("Sep"). */
    private static final Pattern SEPT = Pattern.compile("(?i)\\bsept\\b");

    private static DateTimeFormatter isoWith(java.util.function.Consumer<DateTimeFormatterBuilder> zone) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive()
                .append(DateTimeFormatter.ISO_LOCAL_DATE)
                .optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ').optionalEnd()
                .append(DateTimeFormatter.ISO_LOCAL_TIME)
                .optionalStart().appendLiteral(' ').optionalEnd();
        zone.accept(b);
        return b.toFormatter(Locale.ENGLISH);
    }

    private static DateTimeFormatter fmt(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .parseDefaulting(ChronoField.ERA, 1).toFormatter(Locale.ENGLISH);
    }

    /** The UTC calendar date, or null when the text is not a date in a known format. */
    public static LocalDate parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = WHITESPACE.matcher(text.strip()).replaceAll(" ");
        if (EPOCH.matcher(s).matches()) {
            long v = Long.parseLong(s);
            Instant i = s.length() >= 12 ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
            return i.atZone(ZoneOffset.UTC).toLocalDate();
        }
        for (DateTimeFormatter f : ZONED) {
            if (!fits(f, s)) {
                continue;
            }
            try {
                TemporalAccessor t = f.parse(s);
                return ZonedDateTime.from(t).withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
            } catch (java.time.DateTimeException e) {
                // try the next format
            }
        }
        String local = SEPT.matcher(TIME_OF_DAY.matcher(WEEKDAY.matcher(s).replaceFirst("")).replaceFirst(""))
                .replaceAll("Sep");
        for (DateTimeFormatter f : LOCAL) {
            if (!fits(f, local)) {
                continue;
            }
            try {
                TemporalAccessor t = f.parse(local);
                return LocalDate.from(t);
            } catch (java.time.DateTimeException e) {
                // try the next format
            }
        }
        return null;
    }

    /**
     * Whether the format reads the whole text. A failed parse() throws, and building those exceptions cost more
     * than the parse itself (a feed date in the third format meant two exceptions per record); parseUnresolved
     * reports failure through the position instead. parse() still resolves (and may reject) the fields.
     */
    private static boolean fits(DateTimeFormatter f, String s) {
        ParsePosition position = new ParsePosition(0);
        return f.parseUnresolved(s, position) != null && position.getErrorIndex() < 0 && position.getIndex() == s.length();
    }
}
