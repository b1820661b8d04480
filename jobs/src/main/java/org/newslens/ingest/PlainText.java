package org.newslens.ingest;

import java.text.Normalizer;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeVisitor;

/**
 * Makes plain text of an input text field: HTML (when the field contains markup) becomes text with
 * block elements as line breaks, script/style content dropped; entities decoded; Unicode NFC;
 * runs of spaces collapsed; paragraphs kept as single newlines (a paragraph break always ends a sentence).
 */
public final class PlainText {
    private PlainText() {
    }

    private static final Pattern MARKUP = Pattern.compile("<(?:/?[a-zA-Z][a-zA-Z0-9]*[\\s>/]|!--)");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n]]");

    public static String of(String input) {
        if (input == null) {
            return "";
        }
        // jsoup builds a tokeniser per call: only text with an entity (which needs '&') is worth it
        String text = MARKUP.matcher(input).find() ? htmlToText(input)
                : input.indexOf('&') >= 0 ? Parser.unescapeEntities(input, false) : input;
        return normalise(text);
    }

    /**
     * Each pass runs only when the text has a character it could change: most news text has no line break and no
     * control character, and the regex scans were most of ingest's CPU (the result is the same either way).
     */
    static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        boolean breaks = hasLineBreak(s);
        if (breaks) {
            s = joinLineBreaks(s);
        }
        if (hasControl(s)) {
            s = CONTROL.matcher(s).replaceAll(" ");
        }
        s = collapseSpaces(s);
        if (breaks) {
            s = joinLineBreaks(s);
        }
        return s.strip();
    }

    /**
     * Every line break with the ASCII white space around it becomes one '\n': what the regex
     * {@code \s*(?:\r\n|\r|\n|\u2028|\u2029)\s*} replaced by "\n" did, as a loop. That regex tried its greedy
     * {@code \s*} at every position of the text and backtracked: 8 % of ingest's CPU at rss-2022 x4 (JFR), run twice
     * on every text with a line break (all HTML). Its matches, worked out: a maximal run of ASCII white space that
     * holds a '\r' or '\n' is one match; a run (even an empty one) followed by U+2028 or U+2029 is one match together
     * with that separator and the run after it. {@code PlainTextTest} compares the two on random strings.
     */
    static String joinLineBreaks(String s) {
        int n = s.length();
        StringBuilder sb = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!asciiSpace(c) && !paragraphSeparator(c)) {
                sb.append(c);
                i++;
                continue;
            }
            int j = i;
            boolean hasBreak = false;
            while (j < n && asciiSpace(s.charAt(j))) {
                hasBreak |= s.charAt(j) == '\n' || s.charAt(j) == '\r';
                j++;
            }
            if (j < n && paragraphSeparator(s.charAt(j))) {
                j++;
                while (j < n && asciiSpace(s.charAt(j))) {
                    j++;
                }
                sb.append('\n');
            } else if (hasBreak) {
                sb.append('\n');
            } else {
                sb.append(s, i, j);
            }
            i = j;
        }
        return sb.toString();
    }

    /** Java's {@code \s} without UNICODE_CHARACTER_CLASS: [ \t\n\x0B\f\r]. */
    private static boolean asciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean paragraphSeparator(char c) {
        return c == '\u2028' || c == '\u2029';
    }

    /**
     * Each run of spaces (Unicode space separators, tab, vertical tab, form feed, zero-width space, BOM) becomes one
     * ' '; the string itself when it has none to change. A loop rather than a regex replacement: the regex tested
     * every character against a Unicode class, 12 % of ingest's CPU at rss-2022 x4 (JFR), for the same result.
     */
    static String collapseSpaces(String s) {
        int n = s.length();
        int i = 0;
        // the first place where something changes: a space that is not ' ', or a space after a space
        while (i < n) {
            char c = s.charAt(i);
            if (isSpace(c) && (c != ' ' || (i + 1 < n && isSpace(s.charAt(i + 1))))) {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n);
        sb.append(s, 0, i);
        while (i < n) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                sb.append(' ');
                while (i + 1 < n && isSpace(s.charAt(i + 1))) {
                    i++;
                }
            } else {
                sb.append(c);
            }
            i++;
        }
        return sb.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\u200B' || c == '\uFEFF'
                || (c > ' ' && Character.getType(c) == Character.SPACE_SEPARATOR);
    }

    /** Whether LINE_BREAKS can match: only the spaces and controls later passes make cannot create a break. */
    private static boolean hasLineBreak(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\n' && Character.getType(c) == Character.CONTROL) {
                return true;
            }
        }
        return false;
    }

    private static String htmlToText(String html) {
        Document doc = Jsoup.parseBodyFragment(html);
        doc.select("script, style, noscript, template, iframe, object, embed, svg, head").remove();
        StringBuilder sb = new StringBuilder(html.length());
        doc.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    sb.append(t.getWholeText());
                } else if (node instanceof Element e && (e.isBlock() || e.nameIs("br"))) {
                    sb.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) {
                    sb.append('\n');
                }
            }
        });
        return sb.toString();
    }
}
