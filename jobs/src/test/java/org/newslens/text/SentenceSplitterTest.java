package org.newslens.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
    private final SentenceSplitter splitter = new SentenceSplitter();

    private List<String> split(String text) {
        return splitter.split(text).stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    @Test
    void abbreviationsAndInitialsDoNotEndSentences() {
        assertEquals(List.of("Mr. Smith met U.S. officials on Jan. 5 in Washington.",
                        "George W. Bush was not there."),
                split("Mr. Smith met U.S. officials on Jan. 5 in Washington. George W. Bush was not there."));
    }

    @Test
    void quotesAndLineBreaks() {
        assertEquals(List.of("‘It should have been done 18 months ago,’ Johnson said.", "China calls for peace in Ukraine",
                        "He left."),
                split("‘It should have been done 18 months ago,’ Johnson said.\nChina calls for peace in Ukraine\nHe left."));
        assertEquals(List.of("\"Stop!\" he said.", "They did."), split("\"Stop!\" he said. They did."));
    }
}
