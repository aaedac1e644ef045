package org.exportcontrol.cancellation;

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

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.exportcontrol.api.ConflictException;
import org.exportcontrol.api.FieldViolation;
import org.exportcontrol.api.InvalidRequestException;
import org.exportcontrol.api.ResourceNotFoundException;
import org.exportcontrol.identity.CurrentUser;
import org.exportcontrol.support.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** HTTP rules of POST /api/admin/cases/{reference}/cancellation: administrators only, 404 / 409 as documented. */
@WebMvcTest(CaseCancellationController.class)
class CaseCancellationControllerTest extends ControllerSlice {

  static final CurrentUser ADMINISTRATOR = new CurrentUser("admin", List.of(ADMIN));
  static final String REASON = "The exporter went out of business; nobody will ever answer the questions.";
  static final String BODY = "{\"reason\": \"" + REASON + "\"}";

  @MockitoBean CaseCancellationService service;

  @Test
  void anAdministratorCancelsAndGetsTheRecord() throws Exception {
    when(service.cancel(eq("EXP-2026-000001"), any(), eq(ADMINISTRATOR))).thenReturn(new CancellationView(
        "EXP-2026-000001", "CANCELLED", REASON, OffsetDateTime.of(2026, 4, 1, 12, 0, 0, 0, ZoneOffset.UTC), "admin",
        List.of("pi-1", "pi-2")));
    mvc.perform(cancel("EXP-2026-000001", BODY).with(as("admin", ADMIN)))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.reference").value("EXP-2026-000001"))
        .andExpect(jsonPath("$.status").value("CANCELLED"))
        .andExpect(jsonPath("$.reason").value(REASON))
        .andExpect(jsonPath("$.cancelledAt").value("2026-04-01T12:00:00Z"))
        .andExpect(jsonPath("$.cancelledBy").value("admin"))
        .andExpect(jsonPath("$.endedProcessInstances[1]").value("pi-2"));
    verify(service).cancel("EXP-2026-000001", new CancellationRequest(REASON), ADMINISTRATOR);
  }

  // --- each exception of the service, mapped

  @Test
  void aShortReasonIs400NamingIt() throws Exception {
    when(service.cancel(any(), any(), any())).thenThrow(new InvalidRequestException(List.of(
        new FieldViolation("reason", "must be 20 to 2000 characters long"))));
    mvc.perform(cancel("EXP-2026-000001", "{\"reason\": \"stuck\"}").with(as("admin", ADMIN)))
        .andExpect(invalidFields("reason"))
        .andExpect(jsonPath("$.errors[0].message").value("must be 20 to 2000 characters long"));
  }

  @Test
  void anUnknownReferenceIs404() throws Exception {
    when(service.cancel(eq("EXP-1999-000000"), any(), any()))
        .thenThrow(new ResourceNotFoundException("No application or license EXP-1999-000000"));
    mvc.perform(cancel("EXP-1999-000000", BODY).with(as("admin", ADMIN)))
        .andExpect(problem(404, "Not found"))
        .andExpect(jsonPath("$.detail").value("No application or license EXP-1999-000000"));
  }

  @Test
  void aCaseThatIsAlreadyOverIs409() throws Exception {
    when(service.cancel(eq("LIC-2026-000001"), any(), any()))
        .thenThrow(new ConflictException("License LIC-2026-000001 is EXPIRED and cannot be cancelled"));
    mvc.perform(cancel("LIC-2026-000001", BODY).with(as("admin", ADMIN)))
        .andExpect(problem(409, "Conflict"))
        .andExpect(jsonPath("$.detail").value("License LIC-2026-000001 is EXPIRED and cannot be cancelled"));
  }

  @Test
  void theEnginesRefusalIs403AndAConcurrentChange409() throws Exception {
    when(service.cancel(any(), any(), any()))
        .thenThrow(new AuthorizationException("ENGINE-03110 The user with id 'admin' does not have 'DELETE_INSTANCE'"))
        .thenThrow(new OptimisticLockingException("ENGINE-03005 Execution of 'DELETE ExecutionEntity' failed"));
    mvc.perform(cancel("EXP-2026-000001", BODY).with(as("admin", ADMIN))).andExpect(forbidden());
    mvc.perform(cancel("EXP-2026-000001", BODY).with(as("admin", ADMIN))).andExpect(problem(409, "Concurrent change"));
  }

  @Test
  void anythingElseIs500WithoutInternals() throws Exception {
    errors.expect("org.exportcontrol.api.ApiErrors");
    when(service.cancel(any(), any(), any())).thenThrow(new DataIntegrityViolationException(
        "PreparedStatementCallback; update application set status = 'CANCELLED' where reference = ?"));
    mvc.perform(cancel("EXP-2026-000001", BODY).with(as("admin", ADMIN))).andExpect(internalError());
  }

  // --- bodies

  @Test
  void malformedJsonIs400() throws Exception {
    mvc.perform(cancel("EXP-2026-000001", "{\"reason\": ").with(as("admin", ADMIN)))
        .andExpect(problem(400, "Malformed request"));
    verifyNoInteractions(service);
  }

  @Test
  void anUnknownFieldOrAWrongTypeIs400NamingTheField() throws Exception {
    mvc.perform(cancel("EXP-2026-000001", "{\"reason\": \"" + REASON + "\", \"notifyApplicant\": false}")
            .with(as("admin", ADMIN)))
        .andExpect(invalidFields("notifyApplicant"));
    mvc.perform(cancel("EXP-2026-000001", "{\"reason\": {\"text\": \"" + REASON + "\"}}").with(as("admin", ADMIN)))
        .andExpect(invalidFields("reason"))
        .andExpect(jsonPath("$.errors[0].message").value("has a value of the wrong type"));
    verifyNoInteractions(service);
  }

  @Test
  void aBodyThatIsNotJsonIs415() throws Exception {
    mvc.perform(post("/api/admin/cases/EXP-2026-000001/cancellation").with(as("admin", ADMIN))
            .contentType(MediaType.TEXT_PLAIN).content(REASON))
        .andExpect(problem(415, "Unsupported Media Type"));
    verifyNoInteractions(service);
  }

  @Test
  void aBodyOverOneMebibyteIs413() throws Exception {
    mvc.perform(cancel("EXP-2026-000001", overOneMiB()).with(as("admin", ADMIN))).andExpect(problem(413, "Payload too large"));
    mvc.perform(cancel("EXP-2026-000001", overOneMiB()).with(as("admin", ADMIN)).with(withoutContentLength()))
        .andExpect(problem(413, "Payload too large"));
    verifyNoInteractions(service);
  }

  @Test
  void onlyPostIsAnswered() throws Exception {
    mvc.perform(get("/api/admin/cases/EXP-2026-000001/cancellation").with(as("admin", ADMIN)))
        .andExpect(problem(405, "Method Not Allowed"));
    verifyNoInteractions(service);
  }

  // --- who may call what

  @Test
  void withoutCredentialsItIs401() throws Exception {
    mvc.perform(cancel("EXP-2026-000001", BODY)).andExpect(unauthorized());
    verifyNoInteractions(service);
  }

  @Test
  void onlyAdministratorsCancel() throws Exception {
    mvc.perform(cancel("EXP-2026-000001", BODY).with(as("officer", LICENSING_OFFICERS))).andExpect(forbidden());
    mvc.perform(cancel("EXP-2026-000001", BODY).with(as("compliance", COMPLIANCE_OFFICERS))).andExpect(forbidden());
    mvc.perform(cancel("EXP-2026-000001", BODY).with(as("exporter", APPLICANTS))).andExpect(forbidden());
    verifyNoInteractions(service);
  }

  private static MockHttpServletRequestBuilder cancel(String reference, String json) {
    return post("/api/admin/cases/{reference}/cancellation", reference).contentType(MediaType.APPLICATION_JSON).content(json);
  }
}
