package org.newslens.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.newslens.tables.Tables;

/** A surname that is a function word of the article's language needs a title or the full name there, and only there. */
class CommonWordSurnamesTest {

    static Row article(String id, String language, String date, String title, String text) {
        Row base = EntityFixtures.article(id, date, title, text);
        Object[] values = new Object[base.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = base.get(i);
        }
        values[List.of(Tables.ARTICLES.columnNames()).indexOf(Tables.LANGUAGE)] = language;
        return RowFactory.create(values);
    }

    @Test
    void polishFunctionWordsAreNotLeaders() {
        Map<String, List<String>> byArticle = EntityFixtures.mentions(
                        article("pl-words", "pl", "2010-05-01", "Ma to znaczenie", "Ma to sens. Te zmiany wejdą w życie w maju. To jest ważne."),
                        article("pl-named", "pl", "2010-05-01", "Ma Ying-jeou w Pekinie", "Prezydent Tajwanu Ma Ying-jeou przyjechał. Ma powiedział, że rozmowy były dobre."),
                        article("en-surname", "en", "2010-05-01", "Taiwan talks", "Ma said the talks with Beijing were good."),
                        article("pt-surname", "pt", "2010-05-01", "Guinea-Bissau", "Te disse que o governo ia cair."))
                .stream().collect(Collectors.groupingBy(EntityFixtures.M::article,
                        Collectors.mapping(m -> m.surface() + "=" + m.entity(), Collectors.toList())));
        assertEquals(null, byArticle.get("pl-words"), "Polish 'ma' (has), 'te' (these), 'to' are not Ma Ying-jeou, Té or anyone");
        assertEquals(List.of("Ma Ying-jeou=leader:ma-ying-jeou", "Tajwanu=country:TW", "Ma Ying-jeou=leader:ma-ying-jeou",
                        "Ma=leader:ma-ying-jeou"),
                byArticle.get("pl-named"), "named in full, the bare surname is him again (and Tajwanu is Taiwan in Polish)");
        assertEquals(List.of("Taiwan=country:TW", "Ma=leader:ma-ying-jeou", "Beijing=country:CN"), byArticle.get("en-surname"),
                "in English 'Ma' is only a surname");
        assertEquals(0, byArticle.getOrDefault("pt-surname", List.of()).stream().filter(m -> m.startsWith("Te=")).count(),
                "Portuguese 'te' (you) is not Ilídio Vieira Té: " + byArticle.get("pt-surname"));
    }

    /** Lech Kaczyński was president until 2010; a 2023 "Kaczyński" (his brother Jarosław) is not counted as him. */
    @Test
    void aRelativesSurnameAfterTheTermStaysAmbiguous() {
        List<EntityFixtures.M> ms = EntityFixtures.mentions(
                article("pl-2023", "pl", "2023-03-01", "Sejm", "Kaczyński powiedział, że wybory odbędą się jesienią."),
                article("pl-2008", "pl", "2008-03-01", "Sejm", "Kaczyński powiedział, że traktat zostanie podpisany."));
        EntityFixtures.M in2023 = ms.stream().filter(m -> m.article().equals("pl-2023")).findFirst().orElseThrow();
        assertEquals(true, in2023.ambiguous(), "kept as ambiguous, so cooccurrence and trends leave it out: " + in2023);
        EntityFixtures.M in2008 = ms.stream().filter(m -> m.article().equals("pl-2008")).findFirst().orElseThrow();
        assertEquals("leader:lech-kaczynski", in2008.entity());
        assertEquals(false, in2008.ambiguous(), "in office at the date: " + in2008);
    }
}
