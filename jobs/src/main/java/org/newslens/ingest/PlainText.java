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
    /**
     * Runs of two or more spaces, or one space that is not a plain ' ': each becomes ' '. A lone ' ' is left alone
     * rather than replaced by itself, which made every word gap a regex replacement (a quarter of ingest's CPU).
     */
    private static final Pattern SPACES = Pattern.compile(
            "[\\p{Zs}\\t\\x0B\\f\\u200B\\uFEFF]{2,}|[\\p{Zs}\\t\\x0B\\f\\u200B\\uFEFF&&[^ ]]");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*(?:\\r\\n|\\r|\\n|\\u2028|\\u2029)\\s*");
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
            s = LINE_BREAKS.matcher(s).replaceAll("\n");
        }
        if (hasControl(s)) {
            s = CONTROL.matcher(s).replaceAll(" ");
        }
        s = SPACES.matcher(s).replaceAll(" ");
        if (breaks) {
            s = LINE_BREAKS.matcher(s).replaceAll("\n");
        }
        return s.strip();
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
