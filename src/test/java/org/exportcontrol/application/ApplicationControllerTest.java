package org.exportcontrol.application;

import static org.exportcontrol.support.LicenseReviewDriver.application;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.exportcontrol.api.ConflictException;
import org.exportcontrol.api.FieldViolation;
import org.exportcontrol.api.ForbiddenException;
import org.exportcontrol.api.InvalidRequestException;
import org.exportcontrol.api.ResourceNotFoundException;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.HistoryEntry;
import org.exportcontrol.identity.CurrentUser;
import org.exportcontrol.support.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * HTTP rules of /api/applications: statuses, the error model, paging and who may call what. The business
 * rules behind them (ApplicationApiTest) are not repeated: the service is a mock.
 */
@WebMvcTest(ApplicationController.class)
class ApplicationControllerTest extends ControllerSlice {

  static final CurrentUser EXPORTER = new CurrentUser("exporter", List.of(APPLICANTS));
  static final ApplicationView VIEW = new ApplicationView("app-1", "EXP-2026-000001", ApplicationStatus.IN_REVIEW,
      OffsetDateTime.of(2026, 1, 20, 9, 30, 0, 0, ZoneOffset.UTC), new ApplicationView.Exporter("Demo Cyber Ltd"),
      null, null, "STANDARD", List.of(), null, null, new ApplicationView.Screening("PASSED", List.of(), null), List.of(),
      null, null, null, null, null, null, List.of(), null);

  @MockitoBean ApplicationService service;

  // --- success

  @Test
  void anApplicationIsCreatedWith201AndItsLocation() throws Exception {
    when(service.submit(any(), eq(EXPORTER))).thenReturn(VIEW);
    mvc.perform(submit(application("DE")).with(as("exporter", APPLICANTS)))
        .andExpect(status().isCreated())
        .andExpect(header().string(HttpHeaders.LOCATION, "http://localhost/api/applications/app-1"))
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.id").value("app-1"))
        .andExpect(jsonPath("$.reference").value("EXP-2026-000001"))
        .andExpect(jsonPath("$.status").value("IN_REVIEW"))
        .andExpect(jsonPath("$.submittedAt").value("2026-01-20T09:30:00Z"))
        // applicants never get the reviewers' advice: absent, not null
        .andExpect(jsonPath("$.reviews").doesNotExist());
  }

  @Test
  void theCallRunsInTheEngineAsTheCallerAndIsClearedAfterwards() throws Exception {
    when(service.submit(any(), eq(EXPORTER))).thenReturn(VIEW);
    mvc.perform(submit(application("DE")).with(as("exporter", APPLICANTS))).andExpect(status().isCreated());
    InOrder order = inOrder(identityService, service);
    order.verify(identityService).setAuthentication("exporter", List.of(APPLICANTS));
    order.verify(service).submit(any(), eq(EXPORTER));
    order.verify(identityService).clearAuthentication();
  }

  @Test
  void readingAnswer200() throws Exception {
    when(service.get(eq("app-1"), any())).thenReturn(VIEW);
    mvc.perform(get("/api/applications/app-1").with(as("exporter", APPLICANTS)))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.id").value("app-1"));
    when(service.list(any(), eq(0), eq(20))).thenReturn(new ApplicationPage(List.of(VIEW), 0, 20, 1, 1));
    mvc.perform(get("/api/applications").with(as("legal", LEGAL_REVIEWERS)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.content[0].id").value("app-1"))
        .andExpect(jsonPath("$.page").value(0))
        .andExpect(jsonPath("$.size").value(20))
        .andExpect(jsonPath("$.totalElements").value(1))
        .andExpect(jsonPath("$.totalPages").value(1));
  }

  @Test
  void aResponseAndAWithdrawalAnswer200WithTheView() throws Exception {
    when(service.respond(eq("app-1"), any(), eq(EXPORTER))).thenReturn(VIEW);
    when(service.withdraw("app-1", EXPORTER)).thenReturn(VIEW);
    mvc.perform(post("/api/applications/app-1/responses").with(as("exporter", APPLICANTS))
            .contentType(MediaType.APPLICATION_JSON).content("{\"requestId\": \"r-1\", \"message\": \"Here you are\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value("app-1"));
    verify(service).respond("app-1", new ResponseRequest("r-1", "Here you are", null, null), EXPORTER);
    mvc.perform(post("/api/applications/app-1/withdraw").with(as("exporter", APPLICANTS)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value("app-1"));
  }

  @Test
  void anAmendmentIsCreatedWith201AndTheNewApplicationsLocation() throws Exception {
    when(service.amend(eq("app-0"), any(), eq(EXPORTER))).thenReturn(VIEW);
    mvc.perform(post("/api/applications/app-0/amendments").with(as("exporter", APPLICANTS))
            .contentType(MediaType.APPLICATION_JSON).content(application("DE")))
        .andExpect(status().isCreated())
        .andExpect(header().string(HttpHeaders.LOCATION, "http://localhost/api/applications/app-1"))
        .andExpect(jsonPath("$.id").value("app-1"))
        .andExpect(jsonPath("$.amendmentOf").hasJsonPath())
        .andExpect(jsonPath("$.supersededBy").hasJsonPath());
    mvc.perform(post("/api/applications/app-0/amendments").with(as("legal", LEGAL_REVIEWERS))
            .contentType(MediaType.APPLICATION_JSON).content(application("DE")))
        .andExpect(problem(403, "Forbidden"));
    when(service.amend(eq("app-9"), any(), any())).thenThrow(new ConflictException(
        "EXP-2026-000009 is APPROVED: only an application under review (INFORMATION_REQUESTED, IN_REVIEW or "
            + "AWAITING_DECISION) can be amended"));
    mvc.perform(post("/api/applications/app-9/amendments").with(as("exporter", APPLICANTS))
            .contentType(MediaType.APPLICATION_JSON).content(application("DE")))
        .andExpect(problem(409, "Conflict"));
  }

  @Test
  void staffReadTheHistory() throws Exception {
    when(service.history(eq("app-1"), any())).thenReturn(List.of(new HistoryEntry(1,
        OffsetDateTime.of(2026, 1, 20, 9, 30, 0, 0, ZoneOffset.UTC), "exporter", DecisionAction.APPLICATION_SUBMITTED,
        JsonNodeFactory.instance.objectNode().put("country", "DE"))));
    mvc.perform(get("/api/applications/app-1/history").with(as("officer", LICENSING_OFFICERS)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].seq").value(1))
        .andExpect(jsonPath("$[0].actor").value("exporter"))
        .andExpect(jsonPath("$[0].action").value("APPLICATION_SUBMITTED"))
        .andExpect(jsonPath("$[0].details.country").value("DE"));
  }

  // --- paging

  @Test
  void pagingWithinItsLimitsIsPassedOn() throws Exception {
    when(service.list(any(), anyInt(), anyInt())).thenReturn(new ApplicationPage(List.of(), 0, 1, 0, 0));
    mvc.perform(get("/api/applications?page=0&size=1").with(as("exporter", APPLICANTS))).andExpect(status().isOk());
    mvc.perform(get("/api/applications?page=3&size=100").with(as("exporter", APPLICANTS))).andExpect(status().isOk());
    verify(service).list(EXPORTER, 0, 1);
    verify(service).list(EXPORTER, 3, 100);
  }

  @Test
  void aNegativePageOrASizeOutside1To100IsA400NamingTheParameter() throws Exception {
    mvc.perform(get("/api/applications?page=-1").with(as("exporter", APPLICANTS)))
        .andExpect(invalidFields("page"))
        .andExpect(jsonPath("$.errors[0].message").value("must be 0 or more"));
    mvc.perform(get("/api/applications?size=0").with(as("exporter", APPLICANTS)))
        .andExpect(invalidFields("size"))
        .andExpect(jsonPath("$.errors[0].message").value("must be between 1 and 100"));
    mvc.perform(get("/api/applications?size=101").with(as("exporter", APPLICANTS))).andExpect(invalidFields("size"));
    mvc.perform(get("/api/applications?page=-1&size=500").with(as("exporter", APPLICANTS)))
        .andExpect(invalidFields("page", "size"));
    verifyNoInteractions(service);
  }

  // --- by reference (issue 16, item 13)

  @Test
  void theReferenceFilterAndTheLookUpByReferenceReachTheService() throws Exception {
    when(service.listByReference(EXPORTER, "EXP-2026-000001", 0, 20))
        .thenReturn(new ApplicationPage(List.of(VIEW), 0, 20, 1, 1));
    when(service.getByReference("EXP-2026-000001", EXPORTER)).thenReturn(VIEW);
    mvc.perform(get("/api/applications?reference=EXP-2026-000001").with(as("exporter", APPLICANTS)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.content[0].reference").value("EXP-2026-000001"))
        .andExpect(jsonPath("$.totalElements").value(1));
    mvc.perform(get("/api/applications/by-reference/EXP-2026-000001").with(as("exporter", APPLICANTS)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value("app-1"));
  }

  @Test
  void aMalformedReferenceIsA400NamingIt() throws Exception {
    for (String path : List.of("/api/applications?reference=LIC-2026-000001", "/api/applications?reference=",
        "/api/applications/by-reference/EXP-26-1", "/api/applications/by-reference/exp-2026-000001")) {
      mvc.perform(get(path).with(as("exporter", APPLICANTS))).andExpect(invalidFields("reference"));
    }
    verifyNoInteractions(service);
  }

  @Test
  void anUnknownReferenceIsA404() throws Exception {
    when(service.getByReference(any(), any())).thenThrow(new ResourceNotFoundException("No application EXP-2026-999999"));
    mvc.perform(get("/api/applications/by-reference/EXP-2026-999999").with(as("exporter", APPLICANTS)))
        .andExpect(problem(404, "Not found"));
  }

  /**
   * A 400 that names the parameter in its detail only: ApiErrors leaves a parameter of the wrong type to Spring's
   * own handler, so there is no {@code errors} list here (docs/api.md promises one for every validation error).
   */
  @Test
  void aPageThatIsNotANumberIsA400() throws Exception {
    mvc.perform(get("/api/applications?page=first").with(as("exporter", APPLICANTS)))
        .andExpect(problem(400, "Invalid request"))
        .andExpect(jsonPath("$.errors[0].field").value("page"))
        .andExpect(jsonPath("$.errors[0].message").value("must be of type whole number"));
    verifyNoInteractions(service);
  }

  // --- each exception of the service, mapped

  @Test
  void invalidFieldsAre400NamingEachField() throws Exception {
    when(service.submit(any(), any())).thenThrow(new InvalidRequestException(List.of(
        new FieldViolation("endUser.country", "must be an ISO 3166-1 alpha-2 country code, such as DE"),
        new FieldViolation("declaredPurposes[1].maxPenaltyYears", "must be between 0 and 100"))));
    mvc.perform(submit(application("XX")).with(as("exporter", APPLICANTS)))
        .andExpect(invalidFields("endUser.country", "declaredPurposes[1].maxPenaltyYears"))
        .andExpect(jsonPath("$.detail").value("2 field(s) are not valid"))
        .andExpect(jsonPath("$.errors[0].message").value("must be an ISO 3166-1 alpha-2 country code, such as DE"));
  }

  @Test
  void anUnknownOrForeignApplicationIs404() throws Exception {
    when(service.get(eq("app-2"), any())).thenThrow(new ResourceNotFoundException("No application app-2"));
    mvc.perform(get("/api/applications/app-2").with(as("exporter", APPLICANTS)))
        .andExpect(problem(404, "Not found"))
        .andExpect(jsonPath("$.detail").value("No application app-2"));
  }

  @Test
  void aStateThatDoesNotAllowTheCallIs409() throws Exception {
    when(service.withdraw(eq("app-1"), any()))
        .thenThrow(new ConflictException("EXP-2026-000001 is APPROVED and cannot be withdrawn"));
    mvc.perform(post("/api/applications/app-1/withdraw").with(as("exporter", APPLICANTS)))
        .andExpect(problem(409, "Conflict"))
        .andExpect(jsonPath("$.detail").value("EXP-2026-000001 is APPROVED and cannot be withdrawn"));
    when(service.respond(eq("app-1"), any(), any())).thenThrow(new ConflictException("Request r-1 is no longer open"));
    mvc.perform(post("/api/applications/app-1/responses").with(as("exporter", APPLICANTS))
            .contentType(MediaType.APPLICATION_JSON).content("{\"requestId\": \"r-1\", \"message\": \"Here\"}"))
        .andExpect(problem(409, "Conflict"));
  }

  @Test
  void aCallerWithoutCompanyIs403WithTheReason() throws Exception {
    when(service.submit(any(), any())).thenThrow(new ForbiddenException("User loner belongs to no exporting company"));
    mvc.perform(submit(application("DE")).with(as("loner", APPLICANTS)))
        .andExpect(problem(403, "Forbidden"))
        .andExpect(jsonPath("$.detail").value("User loner belongs to no exporting company"));
  }

  @Test
  void theEnginesRefusalIs403WithoutTheEnginesMessage() throws Exception {
    when(service.submit(any(), any())).thenThrow(new AuthorizationException(
        "ENGINE-03110 The user with id 'exporter' does not have one of the following permissions: 'CREATE_INSTANCE'"));
    mvc.perform(submit(application("DE")).with(as("exporter", APPLICANTS)))
        .andExpect(forbidden());
  }

  @Test
  void aConcurrentChangeThatOutlastedTheServersRetriesIs409() throws Exception {
    when(service.withdraw(eq("app-1"), any())).thenThrow(new OptimisticLockingException(
        "ENGINE-03005 Execution of 'UPDATE ExecutionEntity[42]' failed. Entity was updated by another transaction"));
    mvc.perform(post("/api/applications/app-1/withdraw").with(as("exporter", APPLICANTS)))
        .andExpect(problem(409, "Concurrent change"))
        .andExpect(jsonPath("$.detail")
            .value("The case was changed by someone else at the same moment; nothing was stored."));
  }

  @Test
  void aClientThatAcceptsOnlyJsonStillGetsTheProblem() throws Exception {
    when(service.withdraw(eq("app-1"), any())).thenThrow(new ConflictException("EXP-2026-000001 is WITHDRAWN"));
    mvc.perform(post("/api/applications/app-1/withdraw").with(as("exporter", APPLICANTS))
            .accept(MediaType.APPLICATION_JSON))
        .andExpect(problem(409, "Conflict"));
    mvc.perform(get("/api/applications?size=0").with(as("exporter", APPLICANTS)).accept(MediaType.APPLICATION_JSON))
        .andExpect(invalidFields("size"));
  }

  @Test
  void anythingElseIs500WithoutInternals() throws Exception {
    errors.expect("org.exportcontrol.api.ApiErrors");
    when(service.get(eq("app-1"), any())).thenThrow(new IllegalStateException(
        "select * from application where id = 'app-1' failed in org.exportcontrol.application.ApplicationRepository"));
    mvc.perform(get("/api/applications/app-1").with(as("exporter", APPLICANTS)))
        .andExpect(internalError());
  }

  // --- bodies

  @Test
  void malformedJsonIs400() throws Exception {
    mvc.perform(submit("{\"product\": ").with(as("exporter", APPLICANTS)))
        .andExpect(problem(400, "Malformed request"))
        .andExpect(jsonPath("$.detail").value("The body is not valid JSON"));
    mvc.perform(submit("").with(as("exporter", APPLICANTS))).andExpect(problem(400, "Malformed request"));
    verifyNoInteractions(service);
  }

  @Test
  void anUnknownFieldIs400NamingIt() throws Exception {
    // the exporting company is the caller's, never a field of the body
    String withExporter = application("DE").replaceFirst("\\{", "{\"exporter\": {\"name\": \"Someone Else Ltd\"}, ");
    mvc.perform(submit(withExporter).with(as("exporter", APPLICANTS)))
        .andExpect(invalidFields("exporter"))
        .andExpect(jsonPath("$.errors[0].message").value("is not a known field"));
    String nested = application("DE").replace("\"remoteShutdownCapable\": true", "\"remoteShutdownCapable\": true, \"price\": 1");
    mvc.perform(submit(nested).with(as("exporter", APPLICANTS))).andExpect(invalidFields("product.price"));
    verifyNoInteractions(service);
  }

  @Test
  void aValueOfTheWrongTypeIs400NamingTheField() throws Exception {
    mvc.perform(submit(application("DE").replace("\"maxPenaltyYears\": 12", "\"maxPenaltyYears\": \"twelve\""))
            .with(as("exporter", APPLICANTS)))
        .andExpect(invalidFields("declaredPurposes[1].maxPenaltyYears"))
        .andExpect(jsonPath("$.errors[0].message").value("has a value of the wrong type or format: twelve"));
    mvc.perform(submit(application("DE").replace("\"2026-01-15\"", "\"15/01/2026\"")).with(as("exporter", APPLICANTS)))
        .andExpect(invalidFields("endUseCertificate.signedOn"));
    mvc.perform(submit("{\"product\": \"Interceptor X\"}").with(as("exporter", APPLICANTS)))
        .andExpect(invalidFields("product"))
        .andExpect(jsonPath("$.errors[0].message").value("has a value of the wrong type"));
    mvc.perform(post("/api/applications/app-1/responses").with(as("exporter", APPLICANTS))
            .contentType(MediaType.APPLICATION_JSON).content("{\"requestId\": \"r-1\", \"message\": [\"a\", \"b\"]}"))
        .andExpect(invalidFields("message"));
    verifyNoInteractions(service);
  }

  @Test
  void aBodyThatIsNotJsonIs415() throws Exception {
    mvc.perform(post("/api/applications").with(as("exporter", APPLICANTS))
            .contentType(MediaType.TEXT_PLAIN).content(application("DE")))
        .andExpect(problem(415, "Unsupported Media Type"));
    mvc.perform(post("/api/applications").with(as("exporter", APPLICANTS))
            .contentType(MediaType.APPLICATION_XML).content("<application/>"))
        .andExpect(problem(415, "Unsupported Media Type"));
    mvc.perform(post("/api/applications/app-1/responses").with(as("exporter", APPLICANTS))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("requestId=r-1&message=Here"))
        .andExpect(problem(415, "Unsupported Media Type"));
    verifyNoInteractions(service);
  }

  @Test
  void aBodyOverOneMebibyteIs413() throws Exception {
    mvc.perform(submit(overOneMiB()).with(as("exporter", APPLICANTS)))
        .andExpect(problem(413, "Payload too large"))
        .andExpect(jsonPath("$.detail").value("The request body exceeds 1048576 bytes"));
    // without a declared length the body is cut off while it is read, and answered the same
    mvc.perform(submit(overOneMiB()).with(as("exporter", APPLICANTS)).with(withoutContentLength()))
        .andExpect(problem(413, "Payload too large"))
        .andExpect(jsonPath("$.detail").value("The request body exceeds 1048576 bytes"));
    verifyNoInteractions(service);
  }

  @Test
  void aBodyOfExactlyOneMebibyteIsRead() throws Exception {
    String padding = "x".repeat(1024 * 1024 - "{\"x\": \"\"}".length());
    String exactly = "{\"x\": \"" + padding + "\"}";
    // read in full (and refused for its unknown field): the limit is more than 1 MiB, not 1 MiB
    mvc.perform(submit(exactly).with(as("exporter", APPLICANTS))).andExpect(invalidFields("x"));
    mvc.perform(submit(exactly).with(as("exporter", APPLICANTS)).with(withoutContentLength()))
        .andExpect(invalidFields("x"));
  }

  // --- unmapped paths and methods

  @Test
  void anUnsupportedMethodIs405AndAnUnknownPathIs404() throws Exception {
    mvc.perform(delete("/api/applications/app-1").with(as("exporter", APPLICANTS)))
        .andExpect(problem(405, "Method Not Allowed"));
    mvc.perform(get("/api/applications/app-1/nothing-here").with(as("exporter", APPLICANTS)))
        .andExpect(problem(404, "Not Found"));
    verifyNoInteractions(service);
  }

  // --- who may call what (SecurityConfiguration, for real)

  @Test
  void withoutCredentialsOrWithAWrongPasswordItIs401() throws Exception {
    mvc.perform(submit(application("DE"))).andExpect(unauthorized());
    mvc.perform(get("/api/applications")).andExpect(unauthorized());
    mvc.perform(get("/api/applications/app-1").with(basic("exporter", "not-the-password"))).andExpect(unauthorized());
    // even an oversized body: nobody unknown learns more than 401
    mvc.perform(submit(overOneMiB())).andExpect(unauthorized());
    verifyNoInteractions(service);
  }

  @Test
  void onlyApplicantsApplyAnswerAndWithdraw() throws Exception {
    mvc.perform(submit(application("DE")).with(as("tech", TECHNICAL_REVIEWERS))).andExpect(forbidden());
    mvc.perform(submit(application("DE")).with(as("admin", ADMIN))).andExpect(forbidden());
    mvc.perform(post("/api/applications/app-1/withdraw").with(as("officer", LICENSING_OFFICERS)))
        .andExpect(forbidden());
    mvc.perform(post("/api/applications/app-1/responses").with(as("legal", LEGAL_REVIEWERS))
        .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(forbidden());
    verifyNoInteractions(service);
  }

  @Test
  void applicantsDoNotReadTheHistory() throws Exception {
    mvc.perform(get("/api/applications/app-1/history").with(as("exporter", APPLICANTS))).andExpect(forbidden());
    verifyNoInteractions(service);
  }

  @Test
  void aUserInNoneOfTheProjectsGroupsReadsNothing() throws Exception {
    mvc.perform(get("/api/applications").with(as("stranger"))).andExpect(forbidden());
    mvc.perform(get("/api/applications/app-1").with(as("stranger", "some-other-group"))).andExpect(forbidden());
    verifyNoInteractions(service);
  }

  private static MockHttpServletRequestBuilder submit(String json) {
    return post("/api/applications").contentType(MediaType.APPLICATION_JSON).content(json);
  }
}
