package org.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void htmlBecomesTextWithoutScriptOrStyle() {
        String html = "<p>Kyiv &amp; Moscow</p><script>var x = 'leak';</script><style>p{color:red}</style>"
                + "<div>Second&nbsp;paragraph <b>bold</b></div>";
        String text = PlainText.of(html);
        assertEquals("Kyiv & Moscow\nSecond paragraph bold", text);
        assertFalse(text.contains("leak"));
        assertFalse(text.contains("color"));
    }

    @Test
    void plainTextEntitiesDecodedAndWhitespaceNormalised() {
        assertEquals("Tom & Jerry say \"hi\"\nnext line", PlainText.of("  Tom &amp; Jerry   say &quot;hi&quot;\r\n\r\n  next\tline "));
    }

    @Test
    void unicodeIsNfc() {
        // e + combining acute -> é
        assertEquals("\u00e9", PlainText.of("e\u0301"));
    }

    @Test
    void lessThanInPlainTextIsNotMarkup() {
        assertEquals("3 < 5 and a<b", PlainText.of("3 < 5 and a<b"));
    }

    /** The loop gives what the regex replacement it stands for gave, on {@code count} random strings of {@code alphabet}. */
    private static void sameAsRegex(Pattern regex, String replacement, UnaryOperator<String> loop, String alphabet,
                                    int maxLength, long seed, int count) {
        Random random = new Random(seed);
        for (int n = 0; n < count; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(maxLength); i > 0; i--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertEquals(regex.matcher(s).replaceAll(replacement), loop.apply(s), () -> "on " + s.codePoints()
                    .mapToObj(Integer::toHexString).toList());
        }
    }

    @Test
    void spaceRunsCollapseLikeTheRegexTheyReplace() {
        // the rule as a regex (what PlainText applied before the loop): runs of two or more spaces, or a lone space
        // that is not ' ', become ' '
        Pattern spaces = Pattern.compile(
                "[\\p{Zs}\\t\\x0B\\f\\u200B\\uFEFF]{2,}|[\\p{Zs}\\t\\x0B\\f\\u200B\\uFEFF&&[^ ]]");
        sameAsRegex(spaces, " ", PlainText::collapseSpaces,
                "ab. \t\u000B\f\u200B\uFEFF\u00A0\u1680\u2003\u202F\u3000\n\u2028x\u00E9", 12, 7, 20_000);
        String unchanged = "one space between words";
        assertSame(unchanged, PlainText.collapseSpaces(unchanged));
    }

    @Test
    void lineBreaksJoinLikeTheRegexTheyReplace() {
        // the rule as a regex (what PlainText applied before the loop)
        Pattern breaks = Pattern.compile("\\s*(?:\\r\\n|\\r|\\n|\\u2028|\\u2029)\\s*");
        sameAsRegex(breaks, "\n", PlainText::joinLineBreaks, "ab \t\u000B\f\r\n\u2028\u2029\u00A0\u0085\u001Cx", 14, 11, 50_000);
        assertEquals("one\ntwo\nthree", PlainText.joinLineBreaks("one \r\n\t two\u2028 three"));
    }
}
