package org.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
