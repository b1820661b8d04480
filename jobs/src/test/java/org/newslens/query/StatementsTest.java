package org.newslens.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementsTest {
    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        Statements.Split s = Statements.split("SELECT 'a;b' AS x; -- c;d\nSELECT `e;f` FROM t /* ; */ WHERE y = \"g;\"; SELECT 3");
        assertEquals(List.of("SELECT 'a;b' AS x", "SELECT `e;f` FROM t   WHERE y = \"g;\""), s.statements());
        assertEquals("SELECT 3", s.rest());
    }

    @Test
    void restIsEmptyAfterOnlyCommentsAndKeepsOpenQuotes() {
        assertEquals("", Statements.split("SELECT 1; -- done").rest());
        assertEquals("SELECT 'it''s;", Statements.split("SELECT 'it''s;").rest());
        assertEquals(List.of(), Statements.split("SELECT 'open;").statements());
        assertEquals("/* open ;", Statements.split("/* open ;").rest());
        assertEquals(List.of("SELECT 1", "SELECT 2"), Statements.all("SELECT 1;;SELECT 2"));
    }

    @Test
    void cellsAreOneLineAndTruncated() {
        assertEquals("abcd…", TextTable.cell("abcdefgh", 5));
        assertEquals("abcde", TextTable.cell("abcde", 5));
        assertEquals("a b", TextTable.cell("a\nb", 0));
        assertEquals("😀😀…", TextTable.cell("😀😀😀😀", 3));
    }

    @Test
    void formulaCellsAreNeutralised() {
        for (String f : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertEquals("'" + f, ResultExport.neutralise(f));
        }
        assertEquals("Kyiv", ResultExport.neutralise("Kyiv"));
        assertEquals("", ResultExport.neutralise(""));
        assertEquals(null, ResultExport.neutralise(null));
    }

    @Test
    void xmlDropsCharactersXmlCannotCarry() {
        assertEquals("a\uFFFDb", GraphExport.xml("a\u0001b"));
        assertEquals("\uFFFD", GraphExport.xml("\uD800"));
        assertEquals("😀 <&>", GraphExport.xml("😀 <&>"));
    }
}
