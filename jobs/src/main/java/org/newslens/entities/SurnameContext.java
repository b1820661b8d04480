package org.newslens.entities;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a bare surname, by the words around it in its sentence, is not the leader. On rss-2022 such matches made
 * up most of the bare-surname mentions of some leaders who are rarely in the news. Three tests:
 * <ul>
 *   <li>after someone else's given name ("Illustration by Alex Castro", "about Hunter Biden"): the word before is
 *   shaped like a given name (capitalised, then lower case) and is not the first word of the sentence or clause
 *   ("When Putin said"), a possessive ("Ukraine's Zelensky"), a title, honorific or party label ("President",
 *   "Pope", "Republican"), a word the gazetteer knows as a country, demonym, capital or seat ("Russian Putin"), or
 *   a spelling of the leader's own given name ("Wołodymyr Zełenski");</li>
 *   <li>before another name ("Lewis Hamilton", "Wang Wenbin", "Trump Organization"): see {@link #beforeAnotherName};</li>
 *   <li>an acronym: up to three letters in capitals ("BA" is not Amadou Ba, "XI" not Xi Jinping).</li>
 * </ul>
 * Headlines in title case ("Pope Francis Says He Has Written ...") are left alone: there every word looks like a
 * name.
 */
final class SurnameContext {
    private SurnameContext() {
    }

    /** Honorifics and titles that may stand before a surname (lower case); the resolver's titles are added. */
    private static final Set<String> BEFORE_SURNAME = Set.of("pope", "sheikh", "sheik", "prince", "princess", "crown",
            "general", "gen", "colonel", "col", "lt", "captain", "capt", "marshal", "admiral", "sir", "dame", "lord", "lady",
            "saint", "st", "senator", "sen", "rep", "governor", "gov", "minister", "secretary", "ambassador", "judge",
            "justice", "chief", "vice", "deputy", "acting", "interim", "former", "ex", "comrade", "cardinal",
            "archbishop", "bishop", "father", "mister", "madam", "madame", "monsieur", "herr", "frau", "presidents", "emir", "king", "queen", "sultan", "his", "her", "majesty", "highness",
            // party and political labels ("Republican Trump" in the seed article)
            "republican", "republicans", "democrat", "democratic", "conservative", "labour", "labor", "liberal", "tory",
            "socialist", "communist", "nationalist", "populist", "green", "opposition", "incumbent", "candidate", "nominee",
            // titles in other languages of the corpora (Polish is 15% of rss-2022)
            "prezydent", "prezydenta", "prezydentem", "prezydentowi", "premiera", "premierem", "kanclerz", "ministra",
            "ministrem", "präsident", "président", "presidente", "kanzler",
            "team"); // "Team Biden"

    /** What a leader's surname qualifies when capitalised after it ("the Biden Administration", "Trump Cabinet"). */
    private static final Set<String> AFTER_SURNAME = Set.of("administration", "admin", "cabinet", "government", "campaign",
            "presidency", "era", "doctrine", "regime", "democrats", "republicans", "allies", "camp", "years", "team",
            "plan", "policy", "agenda", "speech", "visit", "summit");

    /** Shortest word counted when deciding whether a sentence is in title case (skips "of", "to", "the" ...). */
    private static final int TITLE_CASE_MIN_WORD = 4;

    /**
     * @param fitting the case-fitting surfaces of the match; the test applies only when all are bare surnames
     */
    static boolean notTheLeader(MentionMatcher matcher, List<Gazetteer.Surface> fitting, String text, int start, int end) {
        Gazetteer g = matcher.gazetteer();
        for (Gazetteer.Surface s : fitting) {
            if (!s.rule().equals("surname")) {
                return false;
            }
        }
        return acronym(fitting, text, start, end) || afterGivenName(g, fitting, text, start, end)
                || beforeAnotherName(matcher, fitting, text, start, end);
    }

    /** A surname of up to three letters written in capitals, where no form of it is. */
    private static boolean acronym(List<Gazetteer.Surface> fitting, String text, int start, int end) {
        if (end - start > 3) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (Character.isLowerCase(text.charAt(i))) {
                return false;
            }
        }
        for (Gazetteer.Surface s : fitting) {
            if (s.form().equals(s.form().toUpperCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static boolean afterGivenName(Gazetteer g, List<Gazetteer.Surface> fitting, String text, int start, int end) {
        int wordEnd = start - 1;
        if (wordEnd < 1 || text.charAt(wordEnd) != ' ') {
            return false;
        }
        int wordStart = wordEnd;
        while (wordStart > 0 && Character.isLetter(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        if (wordEnd - wordStart < 2 || !Character.isUpperCase(text.charAt(wordStart))) {
            return false;
        }
        for (int i = wordStart + 1; i < wordEnd; i++) {
            if (!Character.isLowerCase(text.charAt(i))) {
                return false;
            }
        }
        if (wordStart > 0) {
            char before = text.charAt(wordStart - 1);
            if (before == '\'' || before == '\u2019' || before == '-' || before == '.') {
                return false; // "Ukraine's Zelensky" is cut at the apostrophe; hyphenated or dotted names are left alone
            }
        }
        if (!hasWordBefore(text, wordStart)) {
            return false;
        }
        String word = Fold.lower(text.substring(wordStart, wordEnd));
        if (BEFORE_SURNAME.contains(word) || MentionResolver.isTitle(word)) {
            return false;
        }
        List<Gazetteer.Surface> known = g.surfaces().get(word);
        if (known != null && known.stream().anyMatch(s -> !s.rule().equals("surname"))) {
            return false;
        }
        return !ownName(g, fitting, word) && !titleCase(text, wordStart, end);
    }

    /**
     * The surname is someone's given name (or, in surname-first names, their surname) when a name-shaped word the
     * gazetteer does not know follows it: "Lewis Hamilton" is not Vaughan Lewis, "Novak Djokovic" not Katalin
     * Novák, "Wang Wenbin" not Wang Yi. Words the gazetteer knows ("Biden White House" has the seat), what a surname
     * qualifies ("Biden Administration"), the leader's own name inflected ("Xi Jinpinga"), other
     * leaders' surnames ("Biden Putin summit") and title-case headlines are left alone.
     */
    private static boolean beforeAnotherName(MentionMatcher matcher, List<Gazetteer.Surface> fitting, String text, int start,
                                             int end) {
        Gazetteer g = matcher.gazetteer();
        if (end + 2 >= text.length() || text.charAt(end) != ' ' || !Character.isUpperCase(text.charAt(end + 1))) {
            return false;
        }
        int wordEnd = end + 2;
        while (wordEnd < text.length() && Character.isLowerCase(text.charAt(wordEnd))) {
            wordEnd++;
        }
        if (wordEnd - end - 1 < 2 || (wordEnd < text.length() && Character.isLetterOrDigit(text.charAt(wordEnd)))) {
            return false; // "Putin's", "BBC", "McCain": not a plain capitalised word
        }
        String word = Fold.lower(text.substring(end + 1, wordEnd));
        if (BEFORE_SURNAME.contains(word) || AFTER_SURNAME.contains(word) || MentionResolver.isTitle(word)
                || g.surfaces().containsKey(word) || matcher.startsKey(text, end + 1)) {
            return false;
        }
        // "Xi Jinpinga" (Polish): the leader's own name, inflected
        return !ownName(g, fitting, word) && !titleCase(text, start, wordEnd);
    }

    /** Whether the word is a word of the name of one of the leaders the surname may be (see below). */
    private static boolean ownName(Gazetteer g, List<Gazetteer.Surface> fitting, String word) {
        for (Gazetteer.Surface s : fitting) {
            Gazetteer.Entity e = g.entities().get(s.entityId());
            if (e != null && ownName(word, Fold.lower(e.name()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the word is a word of the leader's name, give or take a spelling or an inflection: "Wołodymyr" and
     * "Volodomyr" for Volodymyr Zelensky, "Andrzejem" for Andrzej Duda (at most one edit in words of up to four
     * letters, two in longer ones). "Hunter" and "Jill" are not Joe Biden.
     */
    private static boolean ownName(String word, String name) {
        for (String token : name.split("[\\s-]+")) {
            int allowed = Math.min(word.length(), token.length()) <= 4 ? 1 : 2;
            if (Math.abs(word.length() - token.length()) <= allowed && editDistance(word, token) <= allowed) {
                return true;
            }
        }
        return false;
    }

    /** Levenshtein distance (two short words). */
    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Whether the word at {@code at} is not the first of its sentence or clause: a letter or digit comes before
     * it, and not only a colon, a dash, an opening quote or bracket ("Analysis: Why Zelensky ...").
     */
    private static boolean hasWordBefore(String text, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                return true;
            }
            if (":;\u2013\u2014\"\u201C\u2018(\u00AB".indexOf(c) >= 0) {
                return false;
            }
        }
        return false;
    }

    /** Whether the whole text reads as a headline in title case (see below). */
    static boolean titleCase(String text) {
        return titleCase(text, 0, 0);
    }

    /**
     * Most words of four letters or more start with a capital, not counting the words that start in [from, to)
     * (the name being judged): a headline in title case. Fewer than three such words decide nothing.
     */
    static boolean titleCase(String text, int from, int to) {
        int words = 0;
        int capitalised = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i - s >= TITLE_CASE_MIN_WORD && (s < from || s >= to)) {
                words++;
                if (Character.isUpperCase(text.charAt(s))) {
                    capitalised++;
                }
            }
        }
        return words >= 3 && capitalised * 10 >= words * 6;
    }
}
