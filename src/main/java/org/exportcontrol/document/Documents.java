package org.exportcontrol.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.tika.Tika;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.exportcontrol.api.ConflictException;
import org.exportcontrol.api.FileTooLargeException;
import org.exportcontrol.api.ResourceNotFoundException;
import org.exportcontrol.api.Uploads;
import org.exportcontrol.api.Violations;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.Privileged;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * The documents of a case (ADR 0027): checked (kind, size, type by content), stored in the database
 * with their SHA-256 and never changed, listed, downloaded, recorded in the decision log as
 * {@code DOCUMENT_ATTACHED}, and offered to the case's running processes as the Markdown variable
 * {@code documentLinks}. The features (applications, licenses) decide who may attach what to which
 * case and check that the caller may see it; this class knows neither.
 */
@Component
public class Documents {

  public static final int MAX_PER_CASE = 20;
  /** The process variable the forms render: one Markdown link per document, empty when there is none. */
  public static final String DOCUMENT_LINKS = "documentLinks";

  /** What Tika names the accepted types, and the extension a download gets when the name lacks it. */
  static final Map<String, String> ACCEPTED = Map.of("application/pdf", ".pdf", "image/png", ".png",
      "image/jpeg", ".jpg");
  private static final String COLUMNS =
      "id, kind, file_name, content_type, size_bytes, sha256, uploaded_at, uploaded_by";

  // content only: magic numbers, never the name or the declared type (a renamed file is what it is)
  private final Tika tika = new Tika();
  private final JdbcClient jdbc;
  private final DecisionLog decisionLog;
  private final RuntimeService runtimeService;
  private final ProcessEngineConfigurationImpl engine;
  private final Clock clock;

  public Documents(JdbcClient jdbc, DecisionLog decisionLog, RuntimeService runtimeService,
      ProcessEngineConfigurationImpl engine, Clock clock) {
    this.jdbc = jdbc;
    this.decisionLog = decisionLog;
    this.runtimeService = runtimeService;
    this.engine = engine;
    this.clock = clock;
  }

  /**
   * Checks and stores an upload in the caller's transaction. {@code allowed} are the kinds this caller
   * may attach to this case; every bad field is named at once (400), a case that has its
   * {@value #MAX_PER_CASE} documents answers 409.
   */
  public DocumentView attach(DocumentCase c, String kind, MultipartFile file, Set<DocumentKind> allowed,
      String userId) {
    if (file != null && file.getSize() > Uploads.MAX_FILE_BYTES) {
      throw new FileTooLargeException();
    }
    Violations v = new Violations();
    if (v.required("kind", kind)) {
      if (Arrays.stream(DocumentKind.values()).noneMatch(k -> k.name().equals(kind))) {
        v.add("kind", "must be one of " + names(Arrays.asList(DocumentKind.values())));
      } else if (!allowed.contains(DocumentKind.valueOf(kind))) {
        v.add("kind", "must be one of " + names(allowed) + " here");
      }
    }
    byte[] content = null;
    String contentType = null;
    if (file == null) {
      v.add("file", "is required: a part named file holding a PDF, PNG or JPEG file");
    } else if (file.isEmpty()) {
      v.add("file", "must not be empty");
    } else {
      content = bytes(file);
      contentType = tika.detect(content);
      if (!ACCEPTED.containsKey(contentType)) {
        v.add("file", "must be a PDF, PNG or JPEG file; its content is " + contentType);
      }
    }
    v.throwIfAny();
    int position = jdbc.sql("select coalesce(max(position), 0) from document where case_kind = ? and case_id = ?")
        .params(c.kind(), c.id()).query(Integer.class).single() + 1;
    if (position > MAX_PER_CASE) {
      throw new ConflictException(c.subject() + " has its " + MAX_PER_CASE + " documents; no more can be attached");
    }
    DocumentView view = new DocumentView(UUID.randomUUID().toString(), DocumentKind.valueOf(kind),
        fileName(file.getOriginalFilename(), contentType), contentType, content.length, sha256(content),
        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS), userId);
    jdbc.sql("insert into document (" + COLUMNS + ", case_kind, case_id, position, content) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(view.documentId(), view.kind().name(), view.fileName(), view.contentType(), view.size(), view.sha256(),
            view.uploadedAt(), view.uploadedBy(), c.kind(), c.id(), position, content)
        .update();
    decisionLog.record(c.subject(), DecisionAction.DOCUMENT_ATTACHED, DecisionLog.details(
        "documentId", view.documentId(), "kind", view.kind().name(), "fileName", view.fileName(),
        "contentType", view.contentType(), "size", view.size(), "sha256", view.sha256()));
    return view;
  }

  /** The case's documents, oldest first. */
  public List<DocumentView> of(DocumentCase c) {
    return of(c.kind(), List.of(c.id())).getOrDefault(c.id(), List.of());
  }

  /** The documents of several cases of one kind at once, by case id, each list oldest first. */
  public Map<String, List<DocumentView>> of(String caseKind, Collection<String> caseIds) {
    if (caseIds.isEmpty()) {
      return Map.of();
    }
    Map<String, List<DocumentView>> byCase = new LinkedHashMap<>();
    jdbc.sql("select case_id, " + COLUMNS + " from document where case_kind = :kind and case_id in (:ids) "
            + "order by case_id, position")
        .param("kind", caseKind).param("ids", caseIds)
        .query((rs, n) -> Map.entry(rs.getString("case_id"), view(rs))).list()
        .forEach(e -> byCase.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
    return byCase;
  }

  /**
   * The ids, given in field {@code field} of a request, as documents of the case of one of the
   * {@code kinds}; a bad one is added to {@code v} as {@code field[i]}.
   */
  public List<DocumentView> referenced(DocumentCase c, List<String> ids, String field, Set<DocumentKind> kinds,
      Violations v) {
    if (ids == null) {
      return List.of();
    }
    Map<String, DocumentView> documents = of(c).stream()
        .collect(Collectors.toMap(DocumentView::documentId, d -> d));
    for (int i = 0; i < ids.size(); i++) {
      DocumentView d = ids.get(i) == null ? null : documents.get(ids.get(i));
      if (d == null) {
        v.add(field + "[" + i + "]", "must be the documentId of a document attached to " + c.subject());
      } else if (!kinds.contains(d.kind())) {
        v.add(field + "[" + i + "]", "must be a document of kind " + names(kinds));
      } else if (ids.indexOf(ids.get(i)) != i) {
        v.add(field + "[" + i + "]", "is given twice");
      }
    }
    return ids.stream().map(documents::get).toList();
  }

  /**
   * The document as a download: its stored type, as an attachment under a name safe in any header
   * and file system, never sniffed by the browser. Another case's document is not found.
   */
  public ResponseEntity<byte[]> download(DocumentCase c, String documentId) {
    record Stored(DocumentView view, byte[] content) {}
    Optional<Stored> stored = jdbc.sql("select " + COLUMNS + ", content from document "
            + "where id = ? and case_kind = ? and case_id = ?")
        .params(documentId, c.kind(), c.id())
        .query((rs, n) -> new Stored(view(rs), rs.getBytes("content"))).optional();
    Stored d = stored.orElseThrow(() -> new ResourceNotFoundException("No document " + documentId + " on " + c.subject()));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(d.view().contentType()))
        .contentLength(d.content().length)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(safeFileName(d.view().fileName(), d.view().contentType())).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        // should a browser show it after all, nothing in it runs
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .header(HttpHeaders.ETAG, "\"" + d.view().sha256() + "\"")
        .body(d.content());
  }

  /** The Markdown the forms show: one link per document, oldest first; empty when there is none. */
  public String links(DocumentCase c) {
    return of(c).stream()
        .map(d -> "- [" + markdown(d.kind().label() + ": " + d.fileName()) + "](" + c.downloadPath(d.documentId()) + ")")
        .collect(Collectors.joining("\n"));
  }

  /**
   * Sets {@code documentLinks} on every running instance of {@code processKey} whose variable
   * {@code variable} is {@code value}, in the caller's transaction. The project's own write: the
   * uploader (an applicant) has no right to the engine's instances, and writing variables is closed
   * to everyone else ({@code ClosedOperations}).
   */
  public void publishLinks(DocumentCase c, String processKey, String variable, String value) {
    String links = links(c);
    Privileged.run("document links of " + c.subject(), () ->
        engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
          runtimeService.createProcessInstanceQuery().processDefinitionKey(processKey)
              .variableValueEquals(variable, value).listPage(0, 100).stream()
              .map(ProcessInstance::getId)
              .forEach(id -> runtimeService.setVariable(id, DOCUMENT_LINKS, links));
          return null;
        })));
  }

  private static DocumentView view(ResultSet rs) throws SQLException {
    return new DocumentView(rs.getString("id"), DocumentKind.valueOf(rs.getString("kind")), rs.getString("file_name"),
        rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
        rs.getObject("uploaded_at", OffsetDateTime.class), rs.getString("uploaded_by"));
  }

  private static byte[] bytes(MultipartFile file) {
    try {
      return file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("The upload could not be read", e);
    }
  }

  /**
   * The name as the uploader's system gave it, without any folder, control characters or U+0000, at
   * most 255 characters; a file sent without a name is called {@code document} with its type's extension.
   */
  static String fileName(String original, String contentType) {
    String name = original == null ? "" : original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
    name = name.codePoints().filter(cp -> !Character.isISOControl(cp) && !Character.isSurrogate((char) cp)
            && Character.isDefined(cp))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
    if (name.isEmpty()) {
      name = "document" + ACCEPTED.get(contentType);
    }
    return name.length() <= 255 ? name : name.substring(0, 255);
  }

  /**
   * A name for the download: letters, digits, dot, dash and underscore only (anything else becomes
   * an underscore), no leading dot, and the extension of the type the content really has.
   */
  static String safeFileName(String fileName, String contentType) {
    String safe = fileName.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+", "");
    if (safe.length() > 100) {
      safe = safe.substring(0, 100);
    }
    String extension = ACCEPTED.getOrDefault(contentType, "");
    String lower = safe.toLowerCase();
    boolean matches = lower.endsWith(extension) || "image/jpeg".equals(contentType) && lower.endsWith(".jpeg");
    return (safe.isEmpty() ? "document" : safe) + (matches ? "" : extension);
  }

  /** Applicant text inside a Markdown link: every character Markdown or HTML would read is escaped. */
  static String markdown(String text) {
    StringBuilder out = new StringBuilder();
    for (char ch : text.toCharArray()) {
      if ("\\`*_{}[]()<>#+-.!|&~\"'=$".indexOf(ch) >= 0) {
        out.append('\\');
      }
      out.append(ch);
    }
    return out.toString();
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String names(Collection<DocumentKind> kinds) {
    return kinds.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
  }
}
