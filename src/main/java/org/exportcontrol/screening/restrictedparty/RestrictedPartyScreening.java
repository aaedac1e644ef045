package org.exportcontrol.screening.restrictedparty;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.exportcontrol.application.ApplicationView;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.application.ExportLicenseReviewProcess.Facts;
import org.exportcontrol.application.ScreeningMatches;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.wording.Wording;
import org.springframework.stereotype.Component;

/**
 * Screens an application's end user against the restricted-party lists inside the screening step
 * (issue 18): each match is kept ({@code restricted_party_match}, once per entry), logged
 * ({@code RESTRICTED_PARTY_MATCHED}) and put in words for the compliance officer's check. Answers the
 * staff view's {@code screening.matches}.
 */
@Component
public class RestrictedPartyScreening implements ScreeningMatches {

  private final RestrictedPartyLists lists;
  private final RestrictedPartyStore store;
  private final DecisionLog decisionLog;
  private final Wording wording;
  private final Clock clock;

  public RestrictedPartyScreening(RestrictedPartyLists lists, RestrictedPartyStore store, DecisionLog decisionLog,
      Wording wording, Clock clock) {
    this.lists = lists;
    this.store = store;
    this.decisionLog = decisionLog;
    this.wording = wording;
    this.clock = clock;
  }

  /** True when the case's end user (loaded by {@code loadScreeningFacts}) matches a list entry. */
  public boolean screenApplication(DelegateExecution execution) {
    String applicationId = (String) execution.getVariable(ExportLicenseReviewProcess.APPLICATION_ID);
    String name = (String) execution.getVariable(Facts.END_USER_NAME);
    String country = (String) execution.getVariable(Facts.END_USER_COUNTRY);
    List<PartyMatch> matches = recordApplicationMatches(applicationId, execution.getProcessBusinessKey(), name, country);
    if (matches.isEmpty()) {
      return false;
    }
    execution.setVariable(ExportLicenseReviewProcess.RESTRICTED_PARTY_MATCHES_TEXT, describe(name, country, matches));
    return true;
  }

  /**
   * Screens the end user and keeps what matched; the matches (new and known ones), empty when none.
   * Used at submission and by the re-screening after an import.
   */
  public List<PartyMatch> recordApplicationMatches(String applicationId, String reference, String name, String country) {
    RestrictedPartyLists.Loaded loaded = lists.current();
    List<PartyMatch> matches = loaded.index().search(name, country, lists.threshold());
    if (matches.isEmpty()) {
      return matches;
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (PartyMatch match : matches) {
      store.recordMatch(RestrictedPartyStore.APPLICATION, applicationId, match, loaded.versions().get(match.source()), now);
    }
    decisionLog.recordBySystem(reference, DecisionAction.RESTRICTED_PARTY_MATCHED, DecisionLog.details(
        "endUserName", name, "endUserCountry", country, "threshold", lists.threshold(),
        "matches", matches.stream().map(RestrictedPartyScreening::logged).toList()));
    return matches;
  }

  static Map<String, Object> logged(PartyMatch m) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("source", m.source());
    entry.put("entryId", m.entryId());
    entry.put("name", m.name());
    entry.put("score", m.score());
    return entry;
  }

  /** The application's end user and each matching entry, side by side, for the check's form. */
  public String describe(String name, String country, List<PartyMatch> matches) {
    return "The end user " + name + " (" + wording.country(country) + ") may be:\n" + matches.stream()
        .map(m -> "- " + m.name() + " (" + (m.country() == null ? "no country given" : wording.country(m.country()))
            + "), list " + m.source() + ", entry " + m.entryId() + ", listed on " + wording.date(m.listedOn())
            + (m.reason() == null ? "" : ": " + m.reason()) + "; similarity " + m.score())
        .collect(Collectors.joining("\n"));
  }

  @Override
  public Map<String, List<ApplicationView.ScreeningMatch>> of(Collection<String> applicationIds) {
    Map<String, List<ApplicationView.ScreeningMatch>> views = new LinkedHashMap<>();
    store.matchesOf(RestrictedPartyStore.APPLICATION, applicationIds).forEach((id, matches) -> views.put(id,
        matches.stream().map(m -> new ApplicationView.ScreeningMatch(m.source(), m.entryId(), m.name(), m.score()))
            .toList()));
    return views;
  }
}
