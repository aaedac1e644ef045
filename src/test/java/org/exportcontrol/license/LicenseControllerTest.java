package org.exportcontrol.license;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.exportcontrol.api.ConflictException;
import org.exportcontrol.api.FieldViolation;
import org.exportcontrol.api.InvalidRequestException;
import org.exportcontrol.api.ResourceNotFoundException;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.HistoryEntry;
import org.exportcontrol.identity.CurrentUser;
import org.exportcontrol.support.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** HTTP rules of /api/licenses: reading a license, its history, and the holder's shutdown confirmation. */
@WebMvcTest(LicenseController.class)
class LicenseControllerTest extends ControllerSlice {

  static final CurrentUser EXPORTER = new CurrentUser("exporter", List.of(APPLICANTS));
  static final OffsetDateTime SHUT_DOWN_AT = OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC);
  static final String CONFIRMATION = """
      {"evidence": "Servers wiped, photos attached", "shutdownAt": "2026-03-01T08:00:00Z"}""";
  static final LicenseView VIEW = new LicenseView("LIC-2026-000001", LicenseStatus.REVOKED, "EXP-2026-000001",
      new LicenseView.Exporter("Demo Cyber Ltd"), new LicenseView.Product("Interceptor X", "INTERCEPTION"),
      new LicenseView.EndUser("National Police", "LAW_ENFORCEMENT", "DE"), LocalDate.of(2026, 2, 1),
      LocalDate.of(2028, 2, 1), null, null, OffsetDateTime.of(2026, 2, 20, 10, 0, 0, 0, ZoneOffset.UTC),
      "Used against journalists", new LicenseView.ShutdownView(null, null, SHUT_DOWN_AT, null), null, List.of(), null,
      false);

  @MockitoBean LicenseService service;

  // --- success

  @Test
  void theHolderAndStaffReadALicense() throws Exception {
    when(service.get(eq("LIC-2026-000001"), any())).thenReturn(VIEW);
    mvc.perform(get("/api/licenses/LIC-2026-000001").with(as("exporter", APPLICANTS)))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.number").value("LIC-2026-000001"))
        .andExpect(jsonPath("$.status").value("REVOKED"))
        .andExpect(jsonPath("$.validFrom").value("2026-02-01"))
        .andExpect(jsonPath("$.shutdown.confirmedAt").value("2026-03-01T08:00:00Z"));
    verify(service).get("LIC-2026-000001", EXPORTER);
    mvc.perform(get("/api/licenses/LIC-2026-000001").with(as("tech", TECHNICAL_REVIEWERS))).andExpect(status().isOk());
  }

  @Test
  void staffReadTheHistory() throws Exception {
    when(service.history(eq("LIC-2026-000001"), any())).thenReturn(List.of(new HistoryEntry(3,
        OffsetDateTime.of(2026, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC), "officer", DecisionAction.LICENSE_ISSUED, null)));
    mvc.perform(get("/api/licenses/LIC-2026-000001/history").with(as("compliance", COMPLIANCE_OFFICERS)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].seq").value(3))
        .andExpect(jsonPath("$[0].action").value("LICENSE_ISSUED"));
  }

  @Test
  void aConfirmationAnswers200WithTheLicense() throws Exception {
    when(service.confirmShutdown(eq("LIC-2026-000001"), any(), eq(EXPORTER))).thenReturn(VIEW);
    mvc.perform(confirm(CONFIRMATION).with(as("exporter", APPLICANTS)))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.number").value("LIC-2026-000001"));
    verify(service).confirmShutdown("LIC-2026-000001",
        new ShutdownConfirmation("Servers wiped, photos attached", SHUT_DOWN_AT, null), EXPORTER);
  }

  @Test
  void aSurrenderAnswers200WithTheLicenseAndOnlyApplicantsMayAsk() throws Exception {
    when(service.surrender(eq("LIC-2026-000001"), any(), eq(EXPORTER))).thenReturn(VIEW);
    mvc.perform(post("/api/licenses/LIC-2026-000001/surrender").with(as("exporter", APPLICANTS))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Contract ended\"}"))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.number").value("LIC-2026-000001"));
    verify(service).surrender("LIC-2026-000001", new SurrenderRequest("Contract ended"), EXPORTER);
    mvc.perform(post("/api/licenses/LIC-2026-000001/surrender").with(as("officer", "licensing-officers"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Contract ended\"}"))
        .andExpect(problem(403, "Forbidden"));
  }

  @Test
  void aSurrenderRefusedByTheLicensesStateIs409() throws Exception {
    when(service.surrender(any(), any(), any())).thenThrow(new ConflictException(
        "License LIC-2026-000001 is REVOKED; only an ACTIVE or SUSPENDED license can be surrendered"));
    mvc.perform(post("/api/licenses/LIC-2026-000001/surrender").with(as("exporter", APPLICANTS))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Contract ended\"}"))
        .andExpect(problem(409, "Conflict"))
        .andExpect(jsonPath("$.detail").value(
            "License LIC-2026-000001 is REVOKED; only an ACTIVE or SUSPENDED license can be surrendered"));
  }

  // --- each exception of the service, mapped

  @Test
  void anUnknownOrForeignLicenseIs404() throws Exception {
    when(service.get(eq("LIC-2026-999999"), any())).thenThrow(new ResourceNotFoundException("No license LIC-2026-999999"));
    mvc.perform(get("/api/licenses/LIC-2026-999999").with(as("exporter", APPLICANTS)))
        .andExpect(problem(404, "Not found"))
        .andExpect(jsonPath("$.detail").value("No license LIC-2026-999999"));
  }

  @Test
  void badFieldsOfAConfirmationAre400NamingThem() throws Exception {
    when(service.confirmShutdown(any(), any(), any())).thenThrow(new InvalidRequestException(List.of(
        new FieldViolation("evidence", "must not be blank"), new FieldViolation("shutdownAt", "must not be in the future"))));
    mvc.perform(confirm("{\"evidence\": \" \", \"shutdownAt\": \"2999-01-01T00:00:00Z\"}").with(as("exporter", APPLICANTS)))
        .andExpect(invalidFields("evidence", "shutdownAt"));
  }

  @Test
  void aConfirmationNobodyAwaitsIs409() throws Exception {
    when(service.confirmShutdown(any(), any(), any()))
        .thenThrow(new ConflictException("No shutdown is ordered for license LIC-2026-000001"));
    mvc.perform(confirm(CONFIRMATION).with(as("exporter", APPLICANTS)))
        .andExpect(problem(409, "Conflict"))
        .andExpect(jsonPath("$.detail").value("No shutdown is ordered for license LIC-2026-000001"));
  }

  @Test
  void theEnginesRefusalIs403AndAConcurrentChange409() throws Exception {
    when(service.confirmShutdown(any(), any(), any()))
        .thenThrow(new AuthorizationException("ENGINE-03110 The user with id 'exporter' does not have 'UPDATE'"))
        .thenThrow(new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE VariableInstanceEntity' failed"));
    mvc.perform(confirm(CONFIRMATION).with(as("exporter", APPLICANTS))).andExpect(forbidden());
    mvc.perform(confirm(CONFIRMATION).with(as("exporter", APPLICANTS))).andExpect(problem(409, "Concurrent change"));
  }

  @Test
  void anythingElseIs500WithoutInternals() throws Exception {
    errors.expect("org.exportcontrol.api.ApiErrors");
    when(service.get(any(), any())).thenThrow(new NullPointerException(
        "Cannot invoke \"org.exportcontrol.license.License.status()\" because \"license\" is null"));
    mvc.perform(get("/api/licenses/LIC-2026-000001").with(as("exporter", APPLICANTS))).andExpect(internalError());
  }

  // --- bodies

  @Test
  void malformedJsonIs400() throws Exception {
    mvc.perform(confirm("{\"evidence\": \"Servers wiped\",").with(as("exporter", APPLICANTS)))
        .andExpect(problem(400, "Malformed request"));
    verifyNoInteractions(service);
  }

  @Test
  void anUnknownFieldOrAWrongTypeIs400NamingTheField() throws Exception {
    mvc.perform(confirm("{\"evidence\": \"Servers wiped\", \"shutdownAt\": \"2026-03-01T08:00:00Z\", \"verified\": true}")
            .with(as("exporter", APPLICANTS)))
        .andExpect(invalidFields("verified"))
        .andExpect(jsonPath("$.errors[0].message").value("is not a known field"));
    mvc.perform(confirm("{\"evidence\": \"Servers wiped\", \"shutdownAt\": \"yesterday\"}").with(as("exporter", APPLICANTS)))
        .andExpect(invalidFields("shutdownAt"))
        .andExpect(jsonPath("$.errors[0].message").value("has a value of the wrong type or format: yesterday"));
    mvc.perform(confirm("{\"evidence\": {\"photos\": 3}}").with(as("exporter", APPLICANTS)))
        .andExpect(invalidFields("evidence"));
    verifyNoInteractions(service);
  }

  @Test
  void aBodyThatIsNotJsonIs415() throws Exception {
    mvc.perform(post("/api/licenses/LIC-2026-000001/shutdown-confirmation").with(as("exporter", APPLICANTS))
            .contentType(MediaType.TEXT_PLAIN).content("Servers wiped"))
        .andExpect(problem(415, "Unsupported Media Type"));
    verifyNoInteractions(service);
  }

  @Test
  void aBodyOverOneMebibyteIs413() throws Exception {
    mvc.perform(confirm(overOneMiB()).with(as("exporter", APPLICANTS))).andExpect(problem(413, "Payload too large"));
    mvc.perform(confirm(overOneMiB()).with(as("exporter", APPLICANTS)).with(withoutContentLength()))
        .andExpect(problem(413, "Payload too large"));
    verifyNoInteractions(service);
  }

  // --- who may call what

  @Test
  void withoutCredentialsItIs401() throws Exception {
    mvc.perform(get("/api/licenses/LIC-2026-000001")).andExpect(unauthorized());
    mvc.perform(confirm(CONFIRMATION)).andExpect(unauthorized());
    verifyNoInteractions(service);
  }

  @Test
  void onlyTheHoldersApplicantsConfirmAndOnlyStaffReadTheHistory() throws Exception {
    // the technical reviewers verify a confirmation; they do not make it
    mvc.perform(confirm(CONFIRMATION).with(as("tech", TECHNICAL_REVIEWERS))).andExpect(forbidden());
    mvc.perform(confirm(CONFIRMATION).with(as("admin", ADMIN))).andExpect(forbidden());
    mvc.perform(get("/api/licenses/LIC-2026-000001/history").with(as("exporter", APPLICANTS))).andExpect(forbidden());
    mvc.perform(get("/api/licenses/LIC-2026-000001").with(as("stranger"))).andExpect(forbidden());
    verifyNoInteractions(service);
  }

  private static MockHttpServletRequestBuilder confirm(String json) {
    return post("/api/licenses/LIC-2026-000001/shutdown-confirmation").contentType(MediaType.APPLICATION_JSON).content(json);
  }
}
