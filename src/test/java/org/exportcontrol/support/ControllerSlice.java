package org.exportcontrol.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.exportcontrol.identity.CamundaAuthenticationProvider;
import org.exportcontrol.identity.LoginThrottle;
import org.exportcontrol.identity.SecurityConfiguration;
import org.exportcontrol.identity.VerifiedCredentials;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Base of the {@code @WebMvcTest} slices of the project's API: one controller, its services mocked,
 * in front of it the real HTTP rules. No database and no engine ({@link #theSliceHasNoDatabaseAndNoEngine}): once
 * the JVM is warm a slice's context starts in about two seconds and a request takes milliseconds.
 *
 * <ul>
 *   <li>The error model: {@code ApiErrors} (a {@code @RestControllerAdvice}) and {@code RequestSizeLimit}
 *       (a servlet {@code Filter}) are in every slice without an import, because {@code @WebMvcTest} scans
 *       advice and filter beans (the 400 and 413 answers of every slice show that they are there). The
 *       idempotency keys are not: their filter is registered by a configuration class, which a slice does not
 *       scan, and needs the database.</li>
 *   <li>The real security: {@link SecurityConfiguration}'s filter chains with the real
 *       {@link CamundaAuthenticationProvider}. Only what lies behind them is mocked: {@link VerifiedCredentials}
 *       (the identity service's password check; {@link #as} stubs it) and the engine's {@link IdentityService}
 *       (the chain's EngineIdentityFilter hands it the caller). /engine-rest's filter registrations need a
 *       {@link JerseyApplicationPath}; Jersey is not part of a slice, so {@link Security} gives one.</li>
 *   <li>No answer, of any status, carries a stack trace, a class name or SQL: checked after every request
 *       of every slice ({@link #NO_INTERNALS}).</li>
 * </ul>
 */
@Import(ControllerSlice.Security.class)
public abstract class ControllerSlice {

  /** The 500 handler's tests expect its one ERROR with the trace. */
  @RegisterExtension protected final ExpectedErrors errors = new ExpectedErrors();

  /** Group ids as the identity service hands them over; literal on purpose, they are a public contract (Groups). */
  protected static final String ADMIN = "camunda-admin";
  protected static final String APPLICANTS = "applicants";
  protected static final String TECHNICAL_REVIEWERS = "technical-reviewers";
  protected static final String LEGAL_REVIEWERS = "legal-reviewers";
  protected static final String LICENSING_OFFICERS = "licensing-officers";
  protected static final String COMPLIANCE_OFFICERS = "compliance-officers";

  /** What an answer must never show: exception names, stack frames, class or package names, SQL. */
  private static final List<Pattern> INTERNALS = List.of(
      Pattern.compile("Exception"),
      Pattern.compile("\\bat [a-z][\\w$]*\\.[\\w$.]+\\("),
      Pattern.compile("\\b(org|com|java|javax|jakarta|sun)\\.[a-z]\\w*\\."),
      Pattern.compile("(?i)\\bselect\\b.+\\bfrom\\b"),
      Pattern.compile("(?i)\\b(insert into|delete from|update \\w+ set)\\b"),
      Pattern.compile("(?i)SQL|JDBC"));

  public static final ResultMatcher NO_INTERNALS = result -> {
    String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    for (Pattern internal : INTERNALS) {
      if (internal.matcher(body).find()) {
        throw new AssertionError("The answer shows internals (" + internal + "): " + body);
      }
    }
  };

  @MockitoBean protected VerifiedCredentials credentials;
  /** Behind the webapps' login filter of {@link SecurityConfiguration}, which no slice calls. */
  @MockitoBean protected LoginThrottle loginThrottle;
  @MockitoBean protected IdentityService identityService;
  @Autowired protected MockMvc mvc;
  @Autowired private ApplicationContext context;

  /** Run by every slice: should main code ever pull the engine or a database into a slice, this says so first. */
  @Test
  void theSliceHasNoDatabaseAndNoEngine() {
    for (Class<?> type : List.of(DataSource.class, ProcessEngine.class, RuntimeService.class, RepositoryService.class)) {
      assertThat(context.getBeanNamesForType(type)).as(type.getSimpleName()).isEmpty();
    }
    // the identity service is the mock that stands in for the engine's
    assertThat(Mockito.mockingDetails(context.getBean(IdentityService.class)).isMock()).isTrue();
  }

  /**
   * HTTP Basic as {@code user} (password: the user id) in {@code groups}: the real chain reads the header and
   * asks the real provider, which asks the mocked {@link VerifiedCredentials}. Any other password is refused.
   */
  protected RequestPostProcessor as(String user, String... groups) {
    when(credentials.verify(eq(user), eq(user), anyString()))
        .thenReturn(Optional.of(new VerifiedCredentials.Verified(user, List.of(groups), List.of(), Long.MAX_VALUE)));
    return basic(user, user);
  }

  /** The Authorization header alone, without stubbing its check: a password the identity service refuses. */
  protected static RequestPostProcessor basic(String user, String password) {
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return request -> {
      request.addHeader(HttpHeaders.AUTHORIZATION, "Basic " + token);
      return request;
    };
  }

  /** application/problem+json with the status, the title and a detail, as docs/api.md describes every error. */
  protected static ResultMatcher problem(int status, String title) {
    return ResultMatcher.matchAll(
        status().is(status),
        content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
        jsonPath("$.type").value("about:blank"),
        jsonPath("$.title").value(title),
        jsonPath("$.status").value(status),
        jsonPath("$.detail").isNotEmpty());
  }

  /** A 400 that names exactly these fields in {@code errors: [{field, message}]}, each with a message. */
  protected static ResultMatcher invalidFields(String... fields) {
    return ResultMatcher.matchAll(
        problem(400, "Invalid request"),
        jsonPath("$.errors[*].field", containsInAnyOrder((Object[]) fields)),
        jsonPath("$.errors[*].message", everyItem(not(emptyOrNullString()))));
  }

  /** 401 with the Basic challenge, before any controller runs. */
  protected static ResultMatcher unauthorized() {
    return ResultMatcher.matchAll(
        problem(401, "Unauthorized"),
        header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Cyber Export Control\""));
  }

  /** 403 from the security configuration: the caller's groups do not allow the path. */
  protected static ResultMatcher forbidden() {
    return ResultMatcher.matchAll(
        problem(403, "Forbidden"),
        jsonPath("$.detail").value("Your groups do not allow this request"));
  }

  /** 500 that says nothing of the cause: no exception, no stack frame (besides {@link #NO_INTERNALS} on every answer). */
  protected static ResultMatcher internalError() {
    return ResultMatcher.matchAll(
        problem(500, "Internal error"),
        jsonPath("$.detail").value("The request could not be completed; it has been logged"),
        jsonPath("$.trace").doesNotExist(),
        jsonPath("$.exception").doesNotExist(),
        content().string(not(containsString("Exception"))),
        content().string(not(containsString("at org."))));
  }

  /** A body just over the API's limit of 1 MiB, still valid JSON: {"x": "xxx..."}. */
  protected static String overOneMiB() {
    return "{\"x\": \"" + "x".repeat(1024 * 1024) + "\"}";
  }

  /**
   * The body without a declared length, as a chunked request sends it: RequestSizeLimit cannot refuse it up front
   * and cuts it off while it is read. (A spy of MockMvc's request that knows no Content-Length.)
   */
  protected static RequestPostProcessor withoutContentLength() {
    return request -> {
      MockHttpServletRequest chunked = Mockito.spy(request);
      Mockito.doReturn(-1).when(chunked).getContentLength();
      Mockito.doReturn(-1L).when(chunked).getContentLengthLong();
      return chunked;
    };
  }

  /** What the slices add to the real configuration. */
  @TestConfiguration(proxyBeanMethods = false)
  @Import({SecurityConfiguration.class, CamundaAuthenticationProvider.class})
  public static class Security {

    /** Needed by the /engine-rest filter registrations of {@link SecurityConfiguration}. */
    @Bean
    JerseyApplicationPath jerseyApplicationPath() {
      return () -> "/engine-rest";
    }

    /** Every answer of every slice is checked for internals. */
    @Bean
    MockMvcBuilderCustomizer noInternalsInAnyAnswer() {
      return builder -> builder.alwaysExpect(NO_INTERNALS);
    }
  }
}
