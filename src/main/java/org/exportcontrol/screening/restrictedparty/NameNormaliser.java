package org.exportcontrol.screening.restrictedparty;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A party's name as it is compared (ADR 0032): lower case, accents and other marks removed (é → e, ß → ss),
 * dots and apostrophes dropped ("S.A." → "sa", "O'Neil" → "oneil"), every other punctuation a space,
 * the common legal-form words removed (Ltd, LLC, GmbH, S.A., Inc., ...), and the remaining words in
 * alphabetical order, one space apart. A name made only of legal-form words keeps them.
 */
public final class NameNormaliser {

  /** Legal-form words, after normalisation ("S.A." arrives as "sa", "S.p.A." as "spa"). */
  static final Set<String> LEGAL_FORMS = Set.of(
      "ltd", "limited", "llc", "inc", "incorporated", "corp", "corporation", "co", "company", "plc", "llp", "lp",
      "gmbh", "mbh", "ag", "kg", "ohg", "ug", "sa", "sas", "sarl", "sl", "srl", "spa", "bv", "nv", "ab", "as", "oy",
      "oyj", "aps", "pte", "pty", "kk", "jsc", "ojsc", "pjsc", "cjsc", "ooo", "oao", "zao", "fzco", "fze", "fzllc",
      "sdn", "bhd", "tbk", "pt", "cv", "sro", "zrt", "kft", "doo");

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern DROPPED = Pattern.compile("[.'’`´]");
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

  private NameNormaliser() {}

  /** The words of the name, normalised, legal forms removed, in alphabetical order. */
  public static List<String> tokens(String name) {
    if (name == null) {
      return List.of();
    }
    String folded = fold(name);
    List<String> words = new ArrayList<>();
    for (String word : SEPARATORS.split(folded)) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    List<String> kept = new ArrayList<>(words.stream().filter(w -> !LEGAL_FORMS.contains(w)).toList());
    if (kept.isEmpty()) {
      kept = words;
    }
    String[] sorted = kept.toArray(String[]::new);
    Arrays.sort(sorted);
    return List.of(sorted);
  }

  /** The normalised name: {@link #tokens} joined by single spaces ("" for a name without letters or digits). */
  public static String normalise(String name) {
    return String.join(" ", tokens(name));
  }

  private static String fold(String name) {
    String lower = name.toLowerCase(Locale.ROOT)
        .replace("ß", "ss").replace("æ", "ae").replace("œ", "oe").replace("ø", "o").replace("ł", "l")
        .replace("đ", "d").replace("ð", "d").replace("þ", "th").replace("ı", "i");
    String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFKD);
    return DROPPED.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll("");
  }
}
