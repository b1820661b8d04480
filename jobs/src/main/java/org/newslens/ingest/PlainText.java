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
    private static final Pattern SPACES = Pattern.compile("[\\p{Zs}\\t\\x0B\\f\\u200B\\uFEFF]+");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*(?:\\r\\n|\\r|\\n|\\u2028|\\u2029)\\s*");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n]]");

    public static String of(String input) {
        if (input == null) {
            return "";
        }
        String text = MARKUP.matcher(input).find() ? htmlToText(input) : Parser.unescapeEntities(input, false);
        return normalise(text);
    }

    static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        s = LINE_BREAKS.matcher(s).replaceAll("\n");
        s = CONTROL.matcher(s).replaceAll(" ");
        s = SPACES.matcher(s).replaceAll(" ");
        s = LINE_BREAKS.matcher(s).replaceAll("\n");
        return s.strip();
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
