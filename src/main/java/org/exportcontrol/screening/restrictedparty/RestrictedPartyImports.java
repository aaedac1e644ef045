package org.exportcontrol.screening.restrictedparty;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.exportcontrol.api.CollisionRetry;
import org.exportcontrol.api.FieldViolation;
import org.exportcontrol.api.FileTooLargeException;
import org.exportcontrol.api.InvalidRequestException;
import org.exportcontrol.api.ResourceNotFoundException;
import org.exportcontrol.api.Uploads;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.identity.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.multipart.MultipartFile;

/**
 * Imports a restricted-party list (issue 18): the file replaces the current entries of its source as
 * a new version (earlier versions are kept), in one transaction with the start of the re-screening
 * job; a malformed file changes nothing. Once committed, this node's index is rebuilt at once (the
 * others rebuild at their next screening, when they see the new version).
 */
@Service
public class RestrictedPartyImports {

  private final RestrictedPartyStore store;
  private final RestrictedPartyLists lists;
  private final RuntimeService runtimeService;
  private final DecisionLog decisionLog;
  private final CollisionRetry retry;
  private final Clock clock;

  public RestrictedPartyImports(RestrictedPartyStore store, RestrictedPartyLists lists, RuntimeService runtimeService,
      DecisionLog decisionLog, CollisionRetry retry, Clock clock) {
    this.store = store;
    this.lists = lists;
    this.runtimeService = runtimeService;
    this.decisionLog = decisionLog;
    this.retry = retry;
    this.clock = clock;
  }

  /** What the import answers (201). */
  public record ImportSummary(String importId, String source, int entries, int added, int removed, int unchanged) {}

  public ImportSummary importFile(MultipartFile file, CurrentUser caller) {
    if (file == null || file.isEmpty()) {
      throw new InvalidRequestException(List.of(new FieldViolation("file", "is required: one CSV file of the list")));
    }
    if (file.getSize() > Uploads.MAX_FILE_BYTES) {
      throw new FileTooLargeException();
    }
    List<ListEntry> entries;
    try (InputStream in = file.getInputStream()) {
      entries = ListFile.read(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    } catch (CharacterCodingException e) {
      throw new InvalidRequestException(List.of(new FieldViolation("file", "must be UTF-8 text")));
    } catch (IOException e) {
      throw new IllegalStateException("The upload could not be read", e);
    }
    return importEntries(entries, caller.userId());
  }

  /** Stores the entries as the new version of their source and starts the re-screening. */
  public ImportSummary importEntries(List<ListEntry> entries, String importedBy) {
    return retry.inTransaction("the list import", () -> store(entries, importedBy));
  }

  private ImportSummary store(List<ListEntry> entries, String importedBy) {
    String source = entries.get(0).source();
    String previous = store.currentImports().get(source);
    Map<String, ListEntry> before = new HashMap<>();
    if (previous != null) {
      store.entriesOf(List.of(previous)).forEach(e -> before.put(e.entryId(), e));
    }
    int previousSize = before.size();
    int unchanged = 0;
    for (ListEntry entry : entries) {
      ListEntry earlier = before.remove(entry.entryId());
      if (earlier != null && earlier.equals(entry)) {
        unchanged++;
      }
    }
    // a changed entry counts as removed in its old form and added in its new one
    int added = entries.size() - unchanged;
    int removed = previousSize - unchanged;
    String id = UUID.randomUUID().toString();
    int version = store.nextVersion(source);
    OffsetDateTime now = OffsetDateTime.now(clock);
    store.insertImport(new RestrictedPartyStore.ListImport(id, source, version, now, importedBy, entries.size(), added,
        removed, unchanged, "PENDING", null, null, List.of(), null));
    store.insertEntries(id, entries);
    decisionLog.record(source, DecisionAction.RESTRICTED_LIST_IMPORTED, DecisionLog.details("importId", id,
        "version", version, "entries", entries.size(), "added", added, "removed", removed, "unchanged", unchanged));
    Privileged.run("re-screening after list import " + id, () -> runtimeService.startProcessInstanceByKey(
        RestrictedPartyRescreeningProcess.KEY, id, Map.of(RestrictedPartyRescreeningProcess.IMPORT_ID, id)));
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          lists.current();
        }
      });
    }
    return new ImportSummary(id, source, entries.size(), added, removed, unchanged);
  }

  @Transactional(readOnly = true)
  public ImportView view(String importId) {
    RestrictedPartyStore.ListImport i = store.find(importId)
        .orElseThrow(() -> new ResourceNotFoundException("No list import " + importId));
    boolean finished = "FINISHED".equals(i.rescreenStatus());
    return new ImportView(i.id(), i.source(), i.version(), i.importedAt(), i.importedBy(), i.entries(), i.added(),
        i.removed(), i.unchanged(), i.rescreenStatus(), i.rescreened(), i.newMatches(),
        finished ? i.misuseReports() : null, i.rescreenedAt());
  }

  /**
   * What {@code GET /api/admin/restricted-parties/imports/{importId}} answers: the import, and once the
   * re-screening job finished ({@code rescreenStatus} FINISHED) how many live cases it screened, how
   * many new matches it found and the references of the misuse reports it opened.
   */
  public record ImportView(String importId, String source, int version, OffsetDateTime importedAt, String importedBy,
      int entries, int added, int removed, int unchanged, String rescreenStatus, Integer rescreened,
      Integer newMatches, List<String> misuseReports, OffsetDateTime rescreenedAt) {}

  /** An entry of the current lists that a searched name matched, with its score. */
  public record SearchHit(String source, String entryId, String name, List<String> altNames, String country,
      java.time.LocalDate listedOn, String reason, double score) {}

  @Transactional(readOnly = true)
  public List<SearchHit> search(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidRequestException(List.of(new FieldViolation("name", "is required")));
    }
    if (name.length() > 500) {
      throw new InvalidRequestException(List.of(new FieldViolation("name", "must be 1 to 500 characters long")));
    }
    RestrictedPartyLists.Loaded loaded = lists.current();
    Map<String, ListEntry> byKey = new HashMap<>();
    List<PartyMatch> matches = loaded.index().search(name, null, lists.threshold());
    if (!matches.isEmpty()) {
      loaded.index().entries().forEach(e -> byKey.put(e.source() + "\u0000" + e.entryId(), e));
    }
    return matches.stream().limit(100).map(m -> {
      ListEntry e = Optional.ofNullable(byKey.get(m.source() + "\u0000" + m.entryId())).orElseThrow();
      return new SearchHit(m.source(), m.entryId(), m.name(), e.altNames(), m.country(), m.listedOn(), m.reason(),
          m.score());
    }).toList();
  }
}
