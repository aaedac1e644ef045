package org.exportcontrol.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.exportcontrol.support.ProcessPathTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Documents of a case (issue 16, 14; ADR 0027) through the API as applicants, reviewers and other
 * companies use it: the type is read from the content, the limits hold, the file is stored with its
 * hash, listed, downloaded only by those who may see the case, logged and linked for the forms.
 */
@SuppressWarnings("unchecked")
class DocumentApiTest extends ProcessPathTest {

  static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
      .getBytes(StandardCharsets.US_ASCII);
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
      0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89};
  static final byte[] EXE = "MZ\u0090\u0000\u0003\u0000\u0000\u0000\u0004\u0000\u0000\u0000This program cannot be run in DOS mode"
      .getBytes(StandardCharsets.ISO_8859_1);

  @Autowired RuntimeService runtimeService;
  @Autowired JdbcClient jdbc;

  @Test
  void anApplicantAttachesAPdfThatIsStoredWithItsHashListedLoggedLinkedAndReadByThoseWhoSeeTheCase() throws Exception {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    String id = (String) submitted.get("id");
    ResponseEntity<Map<String, Object>> uploaded = upload("exporter", "/api/applications/" + id + "/documents",
        "END_USE_CERTIFICATE", "certificate <signed>.pdf", PDF);

    assertThat(uploaded.getStatusCode().value()).as(String.valueOf(uploaded.getBody())).isEqualTo(201);
    Map<String, Object> document = uploaded.getBody();
    String documentId = (String) document.get("documentId");
    assertThat(document).containsEntry("kind", "END_USE_CERTIFICATE").containsEntry("fileName", "certificate <signed>.pdf")
        .containsEntry("contentType", "application/pdf").containsEntry("size", PDF.length)
        .containsEntry("sha256", sha256(PDF)).containsEntry("uploadedBy", "exporter");
    String path = "/api/applications/" + id + "/documents/" + documentId;
    assertThat(uploaded.getHeaders().getLocation()).hasToString(rest.getRootUri() + path);

    // listed in the application's view, for the applicant and the staff
    for (String user : List.of("exporter", "tech")) {
      List<?> documents = (List<?>) driver.view(user, id).get("documents");
      assertThat(documents).as(user).hasSize(1);
      assertThat((Map<Object, Object>) documents.get(0)).containsEntry("documentId", documentId)
          .containsKeys("kind", "fileName", "contentType", "size", "sha256", "uploadedAt", "uploadedBy");
    }

    // downloaded as it was sent, as an attachment under a safe name, never sniffed
    for (String user : List.of("exporter", "tech", "officer")) {
      ResponseEntity<byte[]> download = download(user, path);
      assertThat(download.getStatusCode().value()).as(user).isEqualTo(200);
      assertThat(download.getBody()).isEqualTo(PDF);
      assertThat(download.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
      assertThat(download.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
          .isEqualTo("attachment; filename=\"certificate__signed_.pdf\"");
      assertThat(download.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(sha256(download.getBody())).isEqualTo(document.get("sha256"));
    }

    // another company sees neither the case nor its document; nobody gets another case's document
    assertThat(download("exporter2", path).getStatusCode().value()).isEqualTo(404);
    assertThat(driver.get("exporter2", "/api/applications/" + id).getStatusCode().value()).isEqualTo(404);
    String other = (String) driver.submit("exporter", application("DE")).get("id");
    assertThat(download("exporter", "/api/applications/" + other + "/documents/" + documentId).getStatusCode().value())
        .isEqualTo(404);
    assertThat(download(null, path).getStatusCode().value()).isEqualTo(401);

    // on the decision log, and linked for the review's forms (the file name escaped for Markdown)
    List<Map<String, Object>> history = history("/api/applications/" + id + "/history");
    assertThat(history).anySatisfy(entry -> {
      assertThat(entry).containsEntry("action", "DOCUMENT_ATTACHED").containsEntry("actor", "exporter");
      assertThat((Map<Object, Object>) entry.get("details")).containsEntry("documentId", documentId)
          .containsEntry("sha256", sha256(PDF)).containsEntry("kind", "END_USE_CERTIFICATE");
    });
    assertThat(runtimeService.getVariable(instanceOf(submitted), Documents.DOCUMENT_LINKS))
        .isEqualTo("- [End\\-use certificate: certificate \\<signed\\>\\.pdf](" + path + ")");
    assertThat(runtimeService.getVariable(driver.processInstanceOf((String) submitted.get("reference")),
        Documents.DOCUMENT_LINKS)).isNotNull();
  }

  @Test
  void anApplicationStartsWithNoDocumentLinks() {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    assertThat(runtimeService.getVariable(instanceOf(submitted), Documents.DOCUMENT_LINKS)).isEqualTo("");
    assertThat((List<?>) submitted.get("documents")).isEmpty();
  }

  /** The content decides: a PNG named .pdf is stored as a PNG (and downloaded as .png); a program named .pdf is refused. */
  @Test
  void theTypeIsReadFromTheContentNotFromTheName() {
    String id = (String) driver.submit("exporter", application("DE")).get("id");
    String documents = "/api/applications/" + id + "/documents";

    ResponseEntity<Map<String, Object>> png = upload("exporter", documents, "TECHNICAL_SPECIFICATION", "spec.pdf", PNG);
    assertThat(png.getStatusCode().value()).isEqualTo(201);
    assertThat(png.getBody()).containsEntry("contentType", "image/png").containsEntry("fileName", "spec.pdf");
    ResponseEntity<byte[]> download = download("tech", documents + "/" + png.getBody().get("documentId"));
    assertThat(download.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
    assertThat(download.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
        .isEqualTo("attachment; filename=\"spec.pdf.png\"");

    ResponseEntity<Map<String, Object>> exe = upload("exporter", documents, "OTHER", "certificate.pdf", EXE);
    assertThat(exe.getStatusCode().value()).isEqualTo(400);
    assertThat(exe.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(errors(exe)).containsOnlyKeys("file");
    assertThat(errors(exe).get("file")).startsWith("must be a PDF, PNG or JPEG file");

    ResponseEntity<Map<String, Object>> text = upload("exporter", documents, "OTHER", "notes.pdf",
        "just text".getBytes(StandardCharsets.UTF_8));
    assertThat(errors(text)).containsOnlyKeys("file");
    assertThat((List<?>) driver.view("exporter", id).get("documents")).hasSize(1);
  }

  @Test
  void aMissingOrWrongFileOrKindIsA400NamingTheField() {
    String id = (String) driver.submit("exporter", application("DE")).get("id");
    String documents = "/api/applications/" + id + "/documents";

    MultiValueMap<String, Object> nothing = new LinkedMultiValueMap<>();
    nothing.add("note", "no file, no kind");
    ResponseEntity<Map<String, Object>> empty = post("exporter", documents, nothing);
    assertThat(empty.getStatusCode().value()).isEqualTo(400);
    assertThat(errors(empty)).containsOnlyKeys("file", "kind");

    assertThat(errors(upload("exporter", documents, "PASSPORT", "a.pdf", PDF))).containsOnlyKeys("kind");
    // shutdown evidence belongs to a license, a diplomatic note to the foreign-affairs reviewers
    assertThat(errors(upload("exporter", documents, "SHUTDOWN_EVIDENCE", "a.pdf", PDF))).containsOnlyKeys("kind");
    assertThat(errors(upload("exporter", documents, "DIPLOMATIC_NOTE", "a.pdf", PDF))).containsOnlyKeys("kind");
    assertThat(errors(upload("exporter", documents, "OTHER", "empty.pdf", new byte[0]))).containsOnlyKeys("file");

    // JSON is not an upload; staff do not attach to an application; another company's is not found
    assertThat(driver.post("exporter", documents, "{}").getStatusCode().value()).isEqualTo(415);
    assertThat(upload("tech", documents, "OTHER", "a.pdf", PDF).getStatusCode().value()).isEqualTo(403);
    assertThat(upload("exporter2", documents, "OTHER", "a.pdf", PDF).getStatusCode().value()).isEqualTo(404);
    assertThat((List<?>) driver.view("exporter", id).get("documents")).isEmpty();
  }

  @Test
  void aFileOfTenMebibytesIsTakenAndOneByteMoreIsA413NamingTheFile() {
    String id = (String) driver.submit("exporter", application("DE")).get("id");
    String documents = "/api/applications/" + id + "/documents";
    byte[] tenMiB = Arrays.copyOf(PDF, 10 * 1024 * 1024);

    ResponseEntity<Map<String, Object>> limit = upload("exporter", documents, "TECHNICAL_SPECIFICATION", "big.pdf", tenMiB);
    assertThat(limit.getStatusCode().value()).as(String.valueOf(limit.getBody())).isEqualTo(201);
    assertThat(limit.getBody()).containsEntry("size", tenMiB.length).containsEntry("sha256", sha256(tenMiB));

    ResponseEntity<Map<String, Object>> over = upload("exporter", documents, "TECHNICAL_SPECIFICATION", "bigger.pdf",
        Arrays.copyOf(PDF, 10 * 1024 * 1024 + 1));
    assertThat(over.getStatusCode().value()).isEqualTo(413);
    assertThat(over.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(errors(over)).containsOnlyKeys("file");
    assertThat((List<?>) driver.view("exporter", id).get("documents")).hasSize(1);
  }

  @Test
  void theTwentyFirstDocumentOfACaseIsRefused() {
    String id = (String) driver.submit("exporter", application("DE")).get("id");
    String documents = "/api/applications/" + id + "/documents";
    for (int i = 1; i <= Documents.MAX_PER_CASE; i++) {
      assertThat(upload("exporter", documents, "OTHER", "page-" + i + ".png", PNG).getStatusCode().value())
          .as("document " + i).isEqualTo(201);
    }
    ResponseEntity<Map<String, Object>> refused = upload("exporter", documents, "OTHER", "page-21.png", PNG);
    assertThat(refused.getStatusCode().value()).isEqualTo(409);
    assertThat((String) refused.getBody().get("detail")).contains("20 documents");
    assertThat((List<?>) driver.view("exporter", id).get("documents")).hasSize(20);
  }

  @Test
  void anAnswerToAQuestionNamesTheDocumentsItAttaches() {
    String json = application("DE").replaceAll(",\\s*\"endUseCertificate\": \\{[^}]*}", "");
    Map<String, Object> submitted = driver.submit("exporter", json);
    String id = (String) submitted.get("id");
    String requestId = (String) ((Map<?, ?>) ((List<?>) submitted.get("openRequests")).get(0)).get("requestId");
    String documentId = (String) upload("exporter", "/api/applications/" + id + "/documents", "END_USE_CERTIFICATE",
        "certificate.pdf", PDF).getBody().get("documentId");

    ResponseEntity<Map<String, Object>> unknown = driver.post("exporter", "/api/applications/" + id + "/responses",
        "{\"requestId\": \"" + requestId + "\", \"message\": \"Attached\", \"documentIds\": [\"" + documentId
            + "\", \"no-such-document\"]}");
    assertThat(unknown.getStatusCode().value()).isEqualTo(400);
    assertThat(errors(unknown)).containsOnlyKeys("documentIds[1]");

    ResponseEntity<Map<String, Object>> answered = driver.post("exporter", "/api/applications/" + id + "/responses",
        "{\"requestId\": \"" + requestId + "\", \"message\": \"Signed certificate attached\", "
            + "\"endUseCertificate\": {\"signatory\": \"Minister\", \"signedOn\": \"2026-02-01\", "
            + "\"prohibitedUsesAcknowledged\": true}, \"documentIds\": [\"" + documentId + "\"]}");
    assertThat(answered.getStatusCode().value()).as(String.valueOf(answered.getBody())).isEqualTo(200);
    assertThat(history("/api/applications/" + id + "/history")).anySatisfy(entry -> {
      assertThat(entry).containsEntry("action", "RESPONSE_RECEIVED");
      assertThat((Map<Object, Object>) entry.get("details")).containsEntry("documentIds", List.of(documentId));
    });
  }

  /** The same upload sent again under its Idempotency-Key (with a new multipart boundary) stores one document. */
  @Test
  void anUploadRetriedUnderItsIdempotencyKeyIsStoredOnce() {
    String id = (String) driver.submit("exporter", application("DE")).get("id");
    String documents = "/api/applications/" + id + "/documents";
    HttpHeaders key = new HttpHeaders();
    key.set("Idempotency-Key", "upload-" + id);
    ResponseEntity<Map<String, Object>> first = post("exporter", documents, form("OTHER", "scan.png", PNG), key);
    ResponseEntity<Map<String, Object>> again = post("exporter", documents, form("OTHER", "scan.png", PNG), key);
    assertThat(first.getStatusCode().value()).as(String.valueOf(first.getBody())).isEqualTo(201);
    assertThat(again.getStatusCode().value()).isEqualTo(201);
    assertThat(again.getBody().get("documentId")).isEqualTo(first.getBody().get("documentId"));
    assertThat(post("exporter", documents, form("OTHER", "other.png", PNG), key).getStatusCode().value())
        .isEqualTo(422);
    assertThat((List<?>) driver.view("exporter", id).get("documents")).hasSize(1);
  }

  @Test
  void theExporterConfirmsTheShutdownWithEvidenceAndForeignAffairsAttachTheDiplomaticNote() {
    String license = driver.license("DE");
    String documents = "/api/licenses/" + license + "/documents";
    // before a shutdown is ordered there is nothing to prove
    assertThat(upload("exporter", documents, "SHUTDOWN_EVIDENCE", "photo.png", PNG).getStatusCode().value())
        .isEqualTo(409);

    ProcessInstance revocation = driver.call("officer", () -> runtimeService.startProcessInstanceByKey(
        "licenseRevocation", license, Map.of("licenseNumber", license, "revocationReason", "Export to a third country")));
    assertThat(runtimeService.getVariable(revocation.getId(), Documents.DOCUMENT_LINKS)).isEqualTo("");

    ResponseEntity<Map<String, Object>> evidence = upload("exporter", documents, "SHUTDOWN_EVIDENCE", "wiped.png", PNG);
    assertThat(evidence.getStatusCode().value()).as(String.valueOf(evidence.getBody())).isEqualTo(201);
    String evidenceId = (String) evidence.getBody().get("documentId");
    ResponseEntity<Map<String, Object>> note = upload("foreign", documents, "DIPLOMATIC_NOTE", "note verbale.pdf", PDF);
    assertThat(note.getStatusCode().value()).as(String.valueOf(note.getBody())).isEqualTo(201);
    String noteId = (String) note.getBody().get("documentId");

    // who attaches what
    assertThat(errors(upload("exporter", documents, "DIPLOMATIC_NOTE", "n.pdf", PDF))).containsOnlyKeys("kind");
    assertThat(errors(upload("foreign", documents, "SHUTDOWN_EVIDENCE", "n.pdf", PDF))).containsOnlyKeys("kind");
    assertThat(upload("tech", documents, "OTHER", "n.pdf", PDF).getStatusCode().value()).isEqualTo(403);
    assertThat(upload("exporter2", documents, "OTHER", "n.pdf", PDF).getStatusCode().value()).isEqualTo(404);

    // the confirmation names its evidence: only the license's shutdown evidence will do
    String confirmation = "/api/licenses/" + license + "/shutdown-confirmation";
    String body = "{\"evidence\": \"Servers wiped, photos attached\", \"shutdownAt\": \""
        + OffsetDateTime.now(ZoneOffset.UTC).minusHours(1) + "\", \"documentIds\": [%s]}";
    ResponseEntity<Map<String, Object>> wrongKind = driver.post("exporter", confirmation, body.formatted("\"" + noteId + "\""));
    assertThat(wrongKind.getStatusCode().value()).isEqualTo(400);
    assertThat(errors(wrongKind)).containsOnlyKeys("documentIds[0]");
    ResponseEntity<Map<String, Object>> confirmed = driver.post("exporter", confirmation,
        body.formatted("\"" + evidenceId + "\""));
    assertThat(confirmed.getStatusCode().value()).as(String.valueOf(confirmed.getBody())).isEqualTo(200);
    assertThat((List<?>) confirmed.getBody().get("documents")).hasSize(2);
    assertThat(history("/api/licenses/" + license + "/history")).anySatisfy(entry -> {
      assertThat(entry).containsEntry("action", "SHUTDOWN_CONFIRMED");
      assertThat((Map<Object, Object>) entry.get("details")).containsEntry("documentIds", List.of(evidenceId));
    }).filteredOn(entry -> "DOCUMENT_ATTACHED".equals(entry.get("action"))).hasSize(2);

    // linked from the revocation's forms, listed in the license's view, read by the holder and the staff only
    assertThat(runtimeService.getVariable(revocation.getId(), Documents.DOCUMENT_LINKS)).isEqualTo(
        "- [Shutdown evidence: wiped\\.png](" + documents + "/" + evidenceId + ")\n"
            + "- [Diplomatic note: note verbale\\.pdf](" + documents + "/" + noteId + ")");
    assertThat((List<?>) driver.get("exporter", "/api/licenses/" + license).getBody().get("documents")).hasSize(2);
    assertThat(download("tech", documents + "/" + evidenceId).getBody()).isEqualTo(PNG);
    assertThat(download("exporter", documents + "/" + noteId).getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
        .isEqualTo("attachment; filename=\"note_verbale.pdf\"");
    assertThat(download("exporter2", documents + "/" + noteId).getStatusCode().value()).isEqualTo(404);
  }

  // --- helpers

  private String instanceOf(Map<String, Object> submitted) {
    return driver.processInstanceOf((String) submitted.get("reference"));
  }

  static String application(String country) {
    return org.exportcontrol.support.LicenseReviewDriver.application(country);
  }

  static MultiValueMap<String, Object> form(String kind, String fileName, byte[] content) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("kind", kind);
    parts.add("file", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    return parts;
  }

  private ResponseEntity<Map<String, Object>> upload(String user, String path, String kind, String fileName,
      byte[] content) {
    return post(user, path, form(kind, fileName, content));
  }

  private ResponseEntity<Map<String, Object>> post(String user, String path, MultiValueMap<String, Object> parts) {
    return post(user, path, parts, new HttpHeaders());
  }

  private ResponseEntity<Map<String, Object>> post(String user, String path, MultiValueMap<String, Object> parts,
      HttpHeaders headers) {
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(parts, headers),
        new ParameterizedTypeReference<>() {});
  }

  private ResponseEntity<byte[]> download(String user, String path) {
    return (user == null ? rest : as(user)).exchange(path, HttpMethod.GET, null, byte[].class);
  }

  private List<Map<String, Object>> history(String path) {
    return as("compliance").exchange(path, HttpMethod.GET, null,
        new ParameterizedTypeReference<List<Map<String, Object>>>() {}).getBody();
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> errors(ResponseEntity<Map<String, Object>> response) {
    assertThat(response.getBody()).as("problem").containsKey("errors");
    Map<String, String> byField = new java.util.LinkedHashMap<>();
    ((List<Map<String, String>>) response.getBody().get("errors")).forEach(e -> byField.put(e.get("field"), e.get("message")));
    return byField;
  }

  static String sha256(byte[] content) throws RuntimeException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
