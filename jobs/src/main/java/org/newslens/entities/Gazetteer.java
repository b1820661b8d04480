package org.newslens.entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.newslens.pipeline.UserError;

/**
 * The gazetteer in memory: entities, leader terms, every surface form (name, alias, demonym, capital,
 * seat, leader surname) keyed by its folded lower-case form, the non-mention phrases and the weak
 * surnames. Loaded from the TSV files packaged in the job jar (data/*.tsv, under
 * {@value #RESOURCE_DIR}) plus user files given with {@code --entities}; serialisable so it can be broadcast.
 */
public final class Gazetteer implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String RESOURCE_DIR = "newslens/gazetteer/";
    public static final String COUNTRY = "country";
    public static final String LEADER = "leader";
    public static final String ORGANIZATION = "organization";

    public record Entity(String id, String type, String name, String iso2, LocalDate validFrom, LocalDate validTo)
            implements Serializable {
        boolean validAt(LocalDate d) {
            return (validFrom == null || !d.isBefore(validFrom)) && (validTo == null || !d.isAfter(validTo));
        }
    }

    public record Term(String id, String affiliation, String role, LocalDate start, LocalDate end) implements Serializable {
        boolean activeAt(LocalDate d) {
            return (start == null || !d.isBefore(start)) && (end == null || !d.isAfter(end));
        }
    }

    /** One way to write an entity: {@code form} is accent-folded with its case kept. */
    public record Surface(String form, String entityId, String type, String rule) implements Serializable {
    }

    /**
     * A phrase that contains an alias but is not a mention. kind LITERAL: the phrase itself (matched in the
     * same pass, case-insensitive); FOLLOWED_BY_NAME: the word followed by a capitalised word not in except;
     * AFTER_PLACE: the word after "Capitalised, " where the capitalised word is not in except.
     */
    public record NonMention(String word, Kind kind, Set<String> except) implements Serializable {
    }

    public enum Kind { LITERAL, FOLLOWED_BY_NAME, AFTER_PLACE }

    private final Map<String, Entity> entities = new LinkedHashMap<>();
    private final List<Term> terms = new ArrayList<>();
    private final Map<String, List<Term>> termsById = new HashMap<>();
    private final Map<String, List<Surface>> surfaces = new HashMap<>();
    private final Map<String, List<NonMention>> contextRules = new HashMap<>();
    private final Set<String> literalNonMentions = new HashSet<>();
    private final Set<String> weakSurnames = new HashSet<>();
    private final List<String[]> pendingLeaders = new ArrayList<>();
    /** entity_id, language, form, kind of aliases_i18n.tsv rows, turned into surfaces once all entities are read */
    private final List<String[]> pendingLanguageAliases = new ArrayList<>();
    /** Per language: the forms its {@link LanguageMatcher} looks for, keyed by folded lower-case form. */
    private final Map<String, Map<String, List<Surface>>> languageSurfaces = new HashMap<>();
    private final String uid = java.util.UUID.randomUUID().toString();

    private Gazetteer() {
    }

    /** The packaged gazetteer plus the given user files. */
    public static Gazetteer load(List<String> extraFiles) {
        Gazetteer g = new Gazetteer();
        for (String name : List.of("countries.tsv", "organizations.tsv", "leaders.tsv", "leader_terms.tsv",
                "non_mentions.tsv", "weak_surnames.tsv", "aliases_i18n.tsv")) {
            try (Reader r = resource(name)) {
                g.read(r, name);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read gazetteer " + name, e);
            }
        }
        for (String file : extraFiles) {
            Path p = Path.of(file);
            if (!Files.isRegularFile(p)) {
                throw new UserError("--entities file not found: " + file);
            }
            try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                g.read(r, file);
            } catch (IOException e) {
                throw new UserError("cannot read --entities file " + file + ": " + e.getMessage(), e);
            }
        }
        g.finishLeaders();
        g.finishLanguageAliases();
        return g;
    }

    public static Gazetteer load() {
        return load(List.of());
    }

    private static Reader resource(String name) throws IOException {
        InputStream in = Gazetteer.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name);
        if (in == null) {
            // running from a source tree without processed resources (e.g. an IDE): ../data or data/
            for (Path p : new Path[] {Path.of("../data", name), Path.of("data", name)}) {
                if (Files.isRegularFile(p)) {
                    return Files.newBufferedReader(p, StandardCharsets.UTF_8);
                }
            }
            throw new IOException("gazetteer resource " + RESOURCE_DIR + name + " is not on the classpath");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static final CSVFormat TSV = CSVFormat.Builder.create().setDelimiter('\t').setQuote(null)
            .setCommentMarker('#').setIgnoreEmptyLines(true).setHeader().setSkipHeaderRecord(true).get();

    private void read(Reader reader, String source) throws IOException {
        try (CSVParser parser = CSVParser.parse(reader, TSV)) {
            List<String> header = parser.getHeaderNames();
            Set<String> h = new HashSet<>(header);
            for (CSVRecord rec : parser) {
                Map<String, String> row = new HashMap<>();
                for (String col : header) {
                    row.put(col, rec.isSet(col) ? rec.get(col).strip() : "");
                }
                if (h.contains("language") && h.contains("form")) {
                    pendingLanguageAliases.add(new String[] {row.get("entity_id"), row.get("language"), row.get("form"),
                        row.get("kind")});
                } else if (h.contains("demonyms")) {
                    country(row);
                } else if (h.contains("given_names")) {
                    pendingLeaders.add(new String[] {row.get("entity_id"), row.get("name"), row.get("aliases"),
                        row.get("country_iso2"), row.get("given_names"), row.get("surname")});
                } else if (h.contains("affiliation")) {
                    Term t = new Term(row.get("entity_id"), row.get("affiliation"), row.get("role"),
                            date(row.get("start_date"), source), date(row.get("end_date"), source));
                    terms.add(t);
                    termsById.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(t);
                } else if (h.contains("pattern")) {
                    nonMention(row.get("pattern"), row.get("except"));
                } else if (h.contains("surname")) {
                    weakSurnames.add(Fold.lower(row.get("surname")));
                } else if (h.contains("entity_id") && h.contains("aliases")) {
                    organization(row);
                } else {
                    throw new UserError("gazetteer file " + source + ": unknown header " + header
                            + " (expected the columns of countries.tsv, organizations.tsv, leaders.tsv, leader_terms.tsv,"
                            + " non_mentions.tsv, weak_surnames.tsv or aliases_i18n.tsv)");
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError("gazetteer file " + source + " does not parse: " + e.getMessage(), e);
        }
    }

    private static LocalDate date(String s, String source) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new UserError("gazetteer file " + source + ": bad date '" + s + "' (expected yyyy-MM-dd)");
        }
    }

    private static List<String> split(String cell) {
        if (cell == null || cell.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(cell.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private void entity(String id, String type, String name, String iso2, LocalDate from, LocalDate to) {
        if (id.isEmpty()) {
            return;
        }
        Entity old = entities.get(id);
        if (old == null) {
            entities.put(id, new Entity(id, type, name, iso2 == null || iso2.isEmpty() ? null : iso2, from, to));
        }
    }

    private void country(Map<String, String> row) {
        String id = row.get("entity_id");
        entity(id, COUNTRY, row.get("name"), row.get("iso2"), date(row.get("valid_from"), "countries"),
                date(row.get("valid_to"), "countries"));
        Set<String> own = new HashSet<>();
        own.add(row.get("name"));
        own.addAll(split(row.get("aliases")));
        surface(row.get("name"), id, COUNTRY, "name");
        for (String a : split(row.get("aliases"))) {
            if (a.startsWith("the ") && own.contains(a.substring(4))) {
                continue;
            }
            surface(a, id, COUNTRY, "alias");
        }
        split(row.get("demonyms")).forEach(v -> surface(v, id, COUNTRY, "demonym"));
        split(row.get("capitals")).forEach(v -> surface(v, id, COUNTRY, "capital"));
        split(row.get("seats")).forEach(v -> surface(v, id, COUNTRY, "seat"));
    }

    private void organization(Map<String, String> row) {
        String id = row.get("entity_id");
        entity(id, ORGANIZATION, row.get("name"), row.get("country_iso2"), null, null);
        Set<String> own = new HashSet<>(split(row.get("aliases")));
        own.add(row.get("name"));
        surface(row.get("name"), id, ORGANIZATION, "name");
        for (String a : split(row.get("aliases"))) {
            if (a.startsWith("the ") && own.contains(a.substring(4))) {
                continue;
            }
            surface(a, id, ORGANIZATION, "alias");
        }
    }

    /** Leaders are finished after all files are read: weak surnames may come from any file. */
    private void finishLeaders() {
        for (String[] l : pendingLeaders) {
            String id = l[0];
            String name = l[1];
            entity(id, LEADER, name, l[3], null, null);
            List<String> surnames = split(l[5]);
            List<String> given = split(l[4]);
            Set<String> surnameKeys = new HashSet<>();
            surnames.forEach(s -> surnameKeys.add(Fold.lower(s)));
            Set<String> full = new LinkedHashSet<>();
            full.add(name);
            full.addAll(split(l[2]));
            // Western-order names: every given-name variant with every surname variant
            if (given.stream().anyMatch(name::startsWith)) {
                for (String gn : given) {
                    for (String sn : surnames) {
                        full.add(gn + " " + sn);
                    }
                }
            }
            boolean first = true;
            for (String f : full) {
                if (surnameKeys.contains(Fold.lower(f))) {
                    continue; // a REIGN short name is a bare surname: resolved like one
                }
                surface(f, id, LEADER, first ? "name" : "alias");
                first = false;
            }
            for (String s : surnames) {
                if (s.length() >= 2 && Character.isUpperCase(s.codePointAt(0))) {
                    surface(s, id, LEADER, "surname");
                } else if (s.length() >= 2) {
                    // "von der Leyen": keep; the case rule still requires the capital L
                    surface(s, id, LEADER, "surname");
                }
            }
        }
        pendingLeaders.clear();
    }

    /** Kinds of aliases_i18n.tsv rows and the surface rule each becomes (an adjective counts like a demonym). */
    private static final Map<String, String> LANGUAGE_ALIAS_RULE = Map.of("name", "name", "alias", "alias",
            "demonym", "demonym", "surname", "surname");

    /**
     * The forms each language's matcher looks for: the language's own aliases (aliases_i18n.tsv) and, in languages
     * written in Latin script, every leader's name, alias and surname, which inflect there too (Bidena, Putina).
     */
    private void finishLanguageAliases() {
        for (String[] a : pendingLanguageAliases) {
            Entity e = entities.get(a[0]);
            String rule = LANGUAGE_ALIAS_RULE.get(a[3]);
            if (e == null || rule == null || a[1].isEmpty() || a[2].length() < 2) {
                throw new UserError("aliases file: row " + String.join(" | ", a) + " names an unknown entity or kind"
                        + " (kind: name, alias, demonym or surname)");
            }
            languageSurface(a[1], a[2], e.id(), e.type(), rule);
        }
        pendingLanguageAliases.clear();
        for (String lang : List.of("pl", "fr", "de", "es", "it")) {
            for (List<Surface> list : surfaces.values()) {
                for (Surface s : list) {
                    if (s.type().equals(LEADER)) {
                        languageSurface(lang, s.form(), s.entityId(), s.type(), s.rule());
                    }
                }
            }
        }
    }

    private void languageSurface(String language, String value, String id, String type, String rule) {
        String form = Fold.fold(value.strip());
        Map<String, List<Surface>> forms = languageSurfaces.computeIfAbsent(language, k -> new HashMap<>());
        List<Surface> list = forms.computeIfAbsent(Fold.lower(form), k -> new ArrayList<>(1));
        for (Surface s : list) {
            if (s.entityId().equals(id) && s.form().equals(form)) {
                return;
            }
        }
        list.add(new Surface(form, id, type, rule));
    }

    /** The forms of one language's matcher (empty: none), keyed by folded lower-case form. */
    public Map<String, List<Surface>> languageSurfaces(String language) {
        return languageSurfaces.getOrDefault(language, Map.of());
    }

    /**
     * The surfaces behind a match key: a universal key ("putin") or a language key ("pl|putin", see
     * {@link #languageKey}).
     */
    public List<Surface> surfacesOf(String key) {
        int bar = key.indexOf('|');
        if (bar < 0) {
            return surfaces.get(key);
        }
        return languageSurfaces(key.substring(0, bar)).get(key.substring(bar + 1));
    }

    /** The match key of a language's form: "pl|rosja". Universal keys never contain '|' (it separates aliases). */
    static String languageKey(String language, String folded) {
        return language + "|" + folded;
    }

    /** The form part of a match key ("pl|ma" -> "ma"), for the weak-word tests. */
    static String bareKey(String key) {
        int bar = key.indexOf('|');
        return bar < 0 ? key : key.substring(bar + 1);
    }

    private void surface(String value, String id, String type, String rule) {
        if (value == null || value.isBlank() || value.length() < 2) {
            return;
        }
        String form = Fold.fold(value.strip());
        List<Surface> list = surfaces.computeIfAbsent(Fold.lower(form), k -> new ArrayList<>(1));
        for (Surface s : list) {
            if (s.entityId().equals(id) && s.form().equals(form)) {
                return;
            }
        }
        list.add(new Surface(form, id, type, rule));
    }

    private void nonMention(String pattern, String except) {
        Set<String> ex = new HashSet<>(split(except).stream().map(Fold::fold).toList());
        if (pattern.endsWith(" *")) {
            String w = Fold.lower(pattern.substring(0, pattern.length() - 2).strip());
            contextRules.computeIfAbsent(w, k -> new ArrayList<>()).add(new NonMention(w, Kind.FOLLOWED_BY_NAME, ex));
        } else if (pattern.startsWith("*, ")) {
            String w = Fold.lower(pattern.substring(3).strip());
            contextRules.computeIfAbsent(w, k -> new ArrayList<>()).add(new NonMention(w, Kind.AFTER_PLACE, ex));
        } else if (!pattern.isBlank()) {
            literalNonMentions.add(Fold.lower(pattern.strip()));
        }
    }

    public Map<String, Entity> entities() {
        return entities;
    }

    public List<Term> terms() {
        return terms;
    }

    public List<Term> termsOf(String leaderId) {
        return termsById.getOrDefault(leaderId, List.of());
    }

    public Map<String, List<Surface>> surfaces() {
        return surfaces;
    }

    public Set<String> literalNonMentions() {
        return literalNonMentions;
    }

    public List<NonMention> contextRules(String key) {
        return contextRules.getOrDefault(key, List.of());
    }

    public boolean isWeakSurname(String key) {
        return weakSurnames.contains(key);
    }

    /** Identity of the content, to cache the matcher per JVM. */
    public String fingerprint() {
        return uid;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Gazetteer[%d entities, %d terms, %d surface forms]", entities.size(),
                terms.size(), surfaces.size());
    }
}
