package org.exportcontrol.screening.restrictedparty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Normalisation, scoring and the blocked index of restricted-party names (issue 18, ADR 0032). Not a
 * {@code *UnitTest}: the 200,000-entry list takes seconds, and PIT would run it for every rule class.
 */
class NameMatchingTest {

  static final double THRESHOLD = 0.92;
  static final LocalDate LISTED = LocalDate.of(2026, 3, 1);

  static NameIndex small = NameIndex.of(List.of(
      entry("E1", "Zarqon Cyber Systems GmbH", List.of(), "RU"),
      entry("E2", "Société Générale de Surveillance", List.of(), null),
      entry("E3", "Velmora Interception Group", List.of("VIG Holdings", "Velmora Intercept"), "AE"),
      entry("E4", "Kestrel Data Solutions Ltd.", List.of(), "IL")));

  static ListEntry entry(String id, String name, List<String> alts, String country) {
    return new ListEntry("TEST-LIST", id, name, alts, country, LISTED, "listed for testing");
  }

  static List<String> ids(List<PartyMatch> matches) {
    return matches.stream().map(PartyMatch::entryId).toList();
  }

  @Test
  void normalisationFoldsCaseAccentsPunctuationSpacesLegalFormsAndWordOrder() {
    assertThat(NameNormaliser.normalise("  Société   GÉNÉRALE de Surveillance, S.A. ")).isEqualTo("de generale societe surveillance");
    assertThat(NameNormaliser.normalise("Zarqon-Cyber Systems GmbH")).isEqualTo("cyber systems zarqon");
    assertThat(NameNormaliser.normalise("Systems Zarqon Cyber Ltd.")).isEqualTo("cyber systems zarqon");
    assertThat(NameNormaliser.normalise("ZARQON CYBER SYSTEMS, LLC")).isEqualTo("cyber systems zarqon");
    assertThat(NameNormaliser.normalise("Straße Überwachung Inc.")).isEqualTo("strasse uberwachung");
    assertThat(NameNormaliser.normalise("O'Brien & Sons Corp")).isEqualTo("obrien sons");
    // a name of legal-form words only keeps them, so that it still means something
    assertThat(NameNormaliser.normalise("S.A. Ltd")).isEqualTo("ltd sa");
    assertThat(NameNormaliser.normalise("--")).isEmpty();
  }

  @Test
  void accentsWordOrderAndLegalFormsMatchExactly() {
    assertThat(small.search("Societe Generale de Surveillance", "FR", THRESHOLD)).extracting(PartyMatch::entryId, PartyMatch::score)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("E2", 1.0));
    assertThat(ids(small.search("Cyber Systems Zarqon", "RU", THRESHOLD))).containsExactly("E1");
    assertThat(ids(small.search("Zarqon Cyber Systems S.A.", "RU", THRESHOLD))).containsExactly("E1");
    assertThat(ids(small.search("KESTREL DATA SOLUTIONS, INC.", "IL", THRESHOLD))).containsExactly("E4");
  }

  @Test
  void aSmallMisspellingStillMatchesAndAnAlternativeNameAnswersWithTheEntrysName() {
    List<PartyMatch> typo = small.search("Zarqin Cyber Sistems", "RU", THRESHOLD);
    assertThat(ids(typo)).containsExactly("E1");
    assertThat(typo.get(0).score()).isBetween(0.92, 0.99);
    List<PartyMatch> alternative = small.search("VIG Holdings Ltd", "AE", THRESHOLD);
    assertThat(alternative).extracting(PartyMatch::entryId, PartyMatch::name, PartyMatch::score)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("E3", "Velmora Interception Group", 1.0));
  }

  @Test
  void aNearMissBelowTheThresholdDoesNotMatch() {
    String nearMiss = "Kestrel Digital Solutions";
    double score = NameIndex.score(NameNormaliser.normalise(nearMiss), NameNormaliser.normalise("Kestrel Data Solutions"));
    assertThat(score).isBetween(0.90, THRESHOLD - 0.001);
    assertThat(small.search(nearMiss, "IL", THRESHOLD)).isEmpty();
    assertThat(small.search("Kestrel Data Systems", "IL", THRESHOLD)).isEmpty();
    // the same near miss matches once the threshold is lowered below its score
    assertThat(ids(small.search(nearMiss, "IL", 0.90))).containsExactly("E4");
  }

  @Test
  void aLetterChangedInALongNameCostsNoMoreThanInItsWord() {
    // Jaro over the whole name lets a later equal letter take the changed one's place: 0.908
    assertThat(new org.apache.commons.text.similarity.JaroWinklerSimilarity()
        .apply("dumesenid mifosagomu semehas", "dumesanid mifosagomu semehas")).isLessThan(THRESHOLD);
    assertThat(NameIndex.score("dumesenid mifosagomu semehas", "dumesanid mifosagomu semehas")).isGreaterThan(0.98);
    // an extra word counts against the word score: this is another company
    assertThat(NameIndex.score("cyber international systems zarqon", "cyber systems zarqon")).isLessThan(THRESHOLD);
  }

  @Test
  void anEntryOfAnotherCountryDoesNotMatchAndOneWithoutACountryMatchesEveryCountry() {
    assertThat(small.search("Zarqon Cyber Systems", "FR", THRESHOLD)).isEmpty();
    assertThat(ids(small.search("Zarqon Cyber Systems", "RU", THRESHOLD))).containsExactly("E1");
    assertThat(ids(small.search("Société Générale de Surveillance", "JP", THRESHOLD))).containsExactly("E2");
    // the administrators' search looks at every country
    assertThat(ids(small.search("Zarqon Cyber Systems", null, THRESHOLD))).containsExactly("E1");
  }

  @Test
  void theLengthFilterDropsOnlyPairsThatCannotReachTheThreshold() {
    assertThat(NameIndex.mayReach(10, 16, THRESHOLD)).isTrue();
    assertThat(NameIndex.mayReach(10, 17, THRESHOLD)).isFalse();
    Random random = new Random(18);
    for (int i = 0; i < 20_000; i++) {
      String a = word(random, 3 + random.nextInt(20));
      String b = random.nextBoolean() ? a.substring(0, 1 + random.nextInt(a.length())) : a + word(random, random.nextInt(12));
      if (NameIndex.score(a, b) >= THRESHOLD) {
        assertThat(NameIndex.mayReach(a.length(), b.length(), THRESHOLD)).as(a + " / " + b).isTrue();
      }
    }
  }

  // ---- 200,000 synthetic entries ----

  static final int LIST_SIZE = 200_000;
  static List<ListEntry> large;
  static NameIndex index;

  @BeforeAll
  static void buildLargeList() {
    large = syntheticList(LIST_SIZE, 18);
    index = NameIndex.of(large);
  }

  /** Words that many real list entries share: they make large blocks, as real lists do. */
  static final String[] COMMON = {"Trading", "International", "Technologies", "Group", "Holdings", "Systems",
      "Industries", "Security", "Services", "Solutions", "Electronics", "Engineering", "General", "National",
      "Research", "Institute", "Bureau", "Center", "Logistics", "Defence"};

  /**
   * Company-like names of two to four invented words, in four names of ten one of the common words, a
   * legal form now and then, most with a country.
   */
  static List<ListEntry> syntheticList(int size, long seed) {
    Random random = new Random(seed);
    String[] forms = {"", "", "Ltd", "LLC", "GmbH", "S.A.", "Inc."};
    String[] countries = {null, null, "RU", "CN", "IR", "KP", "AE", "BY", "SY", "MM"};
    List<ListEntry> entries = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int words = 2 + random.nextInt(3);
      StringBuilder name = new StringBuilder();
      for (int w = 0; w < words; w++) {
        String word = word(random, 4 + random.nextInt(7));
        name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1)).append(' ');
      }
      if (random.nextInt(10) < 4) {
        name.append(COMMON[random.nextInt(COMMON.length)]).append(' ');
      }
      name.append(forms[random.nextInt(forms.length)]);
      List<String> alts = random.nextInt(5) == 0 ? List.of(word(random, 6) + " " + word(random, 7)) : List.of();
      entries.add(new ListEntry("SYNTHETIC", "S" + i, name.toString().strip(), alts,
          countries[random.nextInt(countries.length)], LISTED, null));
    }
    return entries;
  }

  static String word(Random random, int length) {
    String consonants = "bcdfghjklmnprstvwz";
    String vowels = "aeiou";
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < length; i++) {
      word.append(i % 2 == 0 ? consonants.charAt(random.nextInt(consonants.length())) : vowels.charAt(random.nextInt(vowels.length())));
    }
    return word.toString();
  }

  /** A name as an applicant might write it: another order, accents, another legal form, one letter changed inside a word. */
  static String disguise(String name, Random random) {
    List<String> words = new ArrayList<>(List.of(name.split(" ")));
    words.removeIf(w -> NameNormaliser.LEGAL_FORMS.contains(NameNormaliser.normalise(w)));
    java.util.Collections.rotate(words, 1 + random.nextInt(words.size()));
    int w = random.nextInt(words.size());
    String word = words.get(w);
    if (word.length() > 6) {
      int at = 3 + random.nextInt(word.length() - 6);
      word = word.substring(0, at) + (word.charAt(at) == 'a' ? 'e' : 'a') + word.substring(at + 1);
    }
    words.set(w, word.replaceFirst("e", "é"));
    return String.join(" ", words) + " Limited";
  }

  @Test
  void aListOf200000EntriesFindsEveryDisguisedListedName() {
    assertThat(index.size()).isEqualTo(LIST_SIZE);
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      ListEntry listed = large.get(random.nextInt(LIST_SIZE));
      String query = disguise(listed.name(), random);
      String country = listed.country() == null ? "FR" : listed.country();
      assertThat(ids(index.search(query, country, THRESHOLD))).as(query + " for " + listed).contains(listed.entryId());
    }
  }

  @Test
  void theBlockedSearchFindsWhatComparingEveryNameFinds() {
    Random random = new Random(11);
    List<String> normalised = new ArrayList<>();
    List<String> owners = new ArrayList<>();
    for (ListEntry e : large) {
      for (String name : e.allNames()) {
        normalised.add(NameNormaliser.normalise(name));
        owners.add(e.entryId());
      }
    }
    for (int i = 0; i < 6; i++) {
      String query = i % 2 == 0 ? disguise(large.get(random.nextInt(LIST_SIZE)).name(), random)
          : large.get(random.nextInt(LIST_SIZE)).name().substring(0, 12);
      String q = NameNormaliser.normalise(query);
      Set<String> everyName = new java.util.TreeSet<>();
      for (int n = 0; n < normalised.size(); n++) {
        if (NameIndex.score(q, normalised.get(n)) >= THRESHOLD) {
          everyName.add(owners.get(n));
        }
      }
      Set<String> blocked = index.search(query, null, THRESHOLD).stream().map(PartyMatch::entryId)
          .collect(Collectors.toCollection(java.util.TreeSet::new));
      assertThat(blocked).as(query).isEqualTo(everyName);
    }
  }

  @Test
  void matchesComeBestFirst() {
    List<PartyMatch> matches = index.search(large.get(42).name(), null, 0.80);
    assertThat(matches).isNotEmpty();
    assertThat(matches).isSortedAccordingTo(Comparator.comparingDouble(PartyMatch::score).reversed()
        .thenComparing(PartyMatch::entryId));
    assertThat(matches.get(0).entryId()).isEqualTo("S42");
  }
}
