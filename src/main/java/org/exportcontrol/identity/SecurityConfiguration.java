package org.exportcontrol.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what.
 *
 * <ul>
 *   <li>/api/**, /actuator/**, /demo/**, /v3/api-docs: HTTP Basic against Camunda's identity service,
 *       stateless, with the caller set as the engine's authenticated user. A GET of a document may
 *       also come with the webapps' session ({@link WebappSessionDownloads}).</li>
 *   <li>/engine-rest/**: Camunda's own {@link ProcessEngineAuthenticationFilter}, which sets the
 *       engine user so that Camunda's authorizations apply per user and group, with the same check of
 *       HTTP Basic credentials as /api ({@link VerifiedCredentials}).</li>
 *   <li>/camunda/**: the webapps' own session login and CSRF protection; the login form passes the
 *       same {@link LoginThrottle} as the APIs ({@link WebappLoginThrottle}).</li>
 *   <li>/cases/**: the case file, for staff, on the webapps' session login
 *       ({@link WebappSessionAuthentication}); read-only. So is /dashboard, the agency's figures.</li>
 *   <li>/transparency/**: the published transparency reports, public, read-only.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, CamundaAuthenticationProvider provider,
      IdentityService identityService) throws Exception {
    http.securityMatcher(paths("/api/**", "/actuator/**", "/demo/**", "/v3/api-docs", "/v3/api-docs/**"))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(paths("/actuator/health", "/actuator/health/**")).permitAll()
            .requestMatchers(paths("/api/admin/restricted-parties", "/api/admin/restricted-parties/**"))
                .hasAnyAuthority(Groups.ADMIN, Groups.COMPLIANCE_OFFICERS)
            .requestMatchers(paths("/api/admin/**", "/actuator/**")).hasAuthority(Groups.ADMIN)
            .requestMatchers(paths("/api/audit/**")).hasAnyAuthority(Groups.ADMIN, Groups.COMPLIANCE_OFFICERS)
            // the agency's figures (issue 19): staff read them, administrators publish the transparency report
            .requestMatchers(post("/api/statistics/transparency/*/publication")).hasAuthority(Groups.ADMIN)
            .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/statistics/**"))
            .hasAnyAuthority(staff())
            .requestMatchers(paths("/api/statistics/**")).denyAll()
            .requestMatchers(paths("/api/applications/*/history", "/api/licenses/*/history")).hasAnyAuthority(staff())
            .requestMatchers(post("/api/applications", "/api/applications/*/responses", "/api/applications/*/withdraw",
                "/api/applications/*/documents", "/api/applications/*/amendments", "/api/applications/*/appeal"))
            .hasAuthority(Groups.APPLICANTS)
            .requestMatchers(paths("/api/applications", "/api/applications/**")).hasAnyAuthority(everyone())
            .requestMatchers(post("/api/misuse-reports")).hasAuthority(Groups.COMPLIANCE_OFFICERS)
            .requestMatchers(paths("/api/misuse-reports/**")).hasAnyAuthority(staff())
            .requestMatchers(post("/api/licenses/*/shutdown-confirmation", "/api/licenses/*/surrender"))
            .hasAuthority(Groups.APPLICANTS)
            // the holder's shutdown evidence, the foreign-affairs reviewers' diplomatic note (ADR 0027)
            .requestMatchers(post("/api/licenses/*/documents"))
            .hasAnyAuthority(Groups.APPLICANTS, Groups.FOREIGN_AFFAIRS_REVIEWERS)
            .requestMatchers(paths("/api/licenses/**")).hasAnyAuthority(everyone())
            .anyRequest().authenticated())
        // One manager with the one provider. Spring's global manager also picks the provider bean up and
        // became this one's parent: a wrong password was checked and logged a second time.
        .authenticationManager(new ProviderManager(provider))
        .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized()))
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()))
        // The session a document download may be authenticated by is the webapps': /api never changes it.
        // Spring's default would give it a new id (session fixation protection), which the browser
        // does not learn when the link is followed outside the page, and Tasklist would be logged out.
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
        // Stateless HTTP Basic with JSON bodies: no cookie for a forged request to ride on.
        .csrf(csrf -> csrf.disable())
        // a document link in a Tasklist form is opened with the webapps' session (ADR 0027)
        .addFilterBefore(new WebappSessionDownloads(identityService), BasicAuthenticationFilter.class)
        .addFilterAfter(new EngineIdentityFilter(identityService), BasicAuthenticationFilter.class);
    return http.build();
  }

  /** The webapps and /engine-rest bring their own authentication (see class comment). */
  @Bean
  @Order(2)
  SecurityFilterChain camundaSecurity(HttpSecurity http) throws Exception {
    // Jersey serves /engine-rest outside Spring MVC, so match on plain paths, not MVC mappings.
    // The webapps' login page asks /camunda-welcome whether to show Camunda Run's first-login box: it
    // must get a plain 404. The Basic challenge of the catch-all chain made the browser open its own
    // password dialog over the login page, which also swallowed every key and click.
    http.securityMatcher(paths("/camunda/**", "/camunda-welcome", "/engine-rest/**", "/", "/error"))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER));
    return http.build();
  }

  /**
   * The case file: staff logged into the webapps (Tasklist's session) read it; without a session the
   * browser goes to Tasklist's login page, a logged-in exporter gets 403. Only GETs exist, so the
   * webapps' CSRF token is not needed. The page runs its own script only (CSP); bpmn-js draws with
   * inline style attributes, hence 'unsafe-inline' for styles, never for scripts.
   */
  @Bean
  @Order(3)
  SecurityFilterChain caseFileSecurity(HttpSecurity http, IdentityService identityService,
      @Value("${camunda.bpm.process-engine-name:default}") String engineName) throws Exception {
    http.securityMatcher(paths("/cases/**", "/webjars/bpmn-js/**", "/dashboard"))
        .authorizeHttpRequests(auth -> auth
            // the viewer's public library and the page's own script and styles: nothing of a case
            .requestMatchers(paths("/webjars/bpmn-js/**", "/cases/assets/**")).permitAll()
            .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/cases/**"))
            .hasAnyAuthority(staff())
            // the staff's dashboard of the agency's figures (issue 19)
            .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/dashboard"))
            .hasAnyAuthority(staff())
            .anyRequest().denyAll())
        .addFilterBefore(new WebappSessionAuthentication(identityService, engineName), AnonymousAuthenticationFilter.class)
        .exceptionHandling(e -> e
            .authenticationEntryPoint((request, response, ex) -> response.sendRedirect(TASKLIST_LOGIN))
            .accessDeniedHandler((request, response, ex) -> writeHtml(response, HttpStatus.FORBIDDEN,
                "Case files are for the agency's staff. Your groups do not include a staff group.")))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
                + "style-src 'self' 'unsafe-inline'; font-src 'self' data:; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors 'none'")));
    return http.build();
  }

  /**
   * The published transparency reports (issue 19): public, without a login, read-only, no session;
   * the page has no script at all (its charts are SVG drawn on the server).
   */
  @Bean
  @Order(4)
  SecurityFilterChain transparencySecurity(HttpSecurity http) throws Exception {
    http.securityMatcher(paths("/transparency", "/transparency/**"))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/transparency"),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/transparency/**"),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.HEAD, "/transparency/**"))
            .permitAll()
            .anyRequest().denyAll())
        .exceptionHandling(e -> e.accessDeniedHandler(forbidden()).authenticationEntryPoint(unauthorized()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors 'none'")));
    return http.build();
  }

  /** Where a browser without a webapp session is sent to log in (Tasklist's login page). */
  public static final String TASKLIST_LOGIN = "/camunda/app/tasklist/default/";

  /** Anything else (there is nothing else today) is refused rather than left open. */
  @Bean
  @Order(5)
  SecurityFilterChain denyEverythingElse(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(auth -> auth.anyRequest().denyAll())
        .exceptionHandling(e -> e.accessDeniedHandler(forbidden()).authenticationEntryPoint(unauthorized()))
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  @Bean
  FilterRegistrationBean<Filter> engineRestAuthentication(JerseyApplicationPath restPath, VerifiedCredentials credentials) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
    registration.setName("camunda-auth");
    registration.setFilter(new EngineRestAuthentication(credentials));
    registration.addUrlPatterns(restPath.getUrlMapping());
    registration.setOrder(1);
    return registration;
  }

  /** The webapps' login form checks passwords too: it is throttled like the APIs (ADR 0021). */
  @Bean
  FilterRegistrationBean<Filter> webappLoginThrottle(LoginThrottle throttle) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new WebappLoginThrottle(throttle));
    registration.setName("webapp-login-throttle");
    registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
    registration.setOrder(0);
    return registration;
  }

  private static String[] staff() {
    return Stream.concat(Stream.of(Groups.ADMIN), Groups.STAFF.stream()).toArray(String[]::new);
  }

  private static String[] everyone() {
    return Stream.concat(Stream.of(Groups.ADMIN, Groups.APPLICANTS), Groups.STAFF.stream()).toArray(String[]::new);
  }

  private static RequestMatcher post(String... patterns) {
    PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
    return new OrRequestMatcher(Arrays.stream(patterns)
        .map(p -> (RequestMatcher) builder.matcher(HttpMethod.POST, p)).toList());
  }

  /**
   * Applicants work through the project's API only: /engine-rest would give them the engine's view
   * of every company's cases, which their engine authorizations (needed to start and correlate
   * their own) must not be read as allowing.
   */
  @Bean
  FilterRegistrationBean<Filter> engineRestForStaffOnly(JerseyApplicationPath restPath, IdentityService identityService) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
    registration.setName("engine-rest-staff-only");
    registration.setFilter((request, response, chain) -> {
      var authentication = identityService.getCurrentAuthentication();
      List<String> groups = authentication == null || authentication.getGroupIds() == null
          ? List.of() : authentication.getGroupIds();
      boolean staff = groups.contains(Groups.ADMIN) || groups.stream().anyMatch(Groups.STAFF::contains);
      if (authentication != null && !staff) {
        writeProblem((HttpServletResponse) response, HttpStatus.FORBIDDEN,
            "The engine's REST API is for staff; applicants use /api/applications");
        return;
      }
      chain.doFilter(request, response);
    });
    registration.addUrlPatterns(restPath.getUrlMapping());
    registration.setOrder(2);
    return registration;
  }

  private static RequestMatcher paths(String... patterns) {
    PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
    return new OrRequestMatcher(Arrays.stream(patterns).map(p -> (RequestMatcher) builder.matcher(p)).toList());
  }

  private AuthenticationEntryPoint unauthorized() {
    return (request, response, e) -> {
      if (e instanceof LoginThrottledException throttled) {
        writeTooManyAttempts(response, throttled.retryAfter());
        return;
      }
      response.setHeader("WWW-Authenticate", "Basic realm=\"Cyber Export Control\"");
      writeProblem(response, HttpStatus.UNAUTHORIZED, "Authentication required: use HTTP Basic with your user name and password");
    };
  }

  private AccessDeniedHandler forbidden() {
    return (request, response, e) ->
        writeProblem(response, HttpStatus.FORBIDDEN, "Your groups do not allow this request");
  }

  /** 429 for an attempt the login throttle refused, without a Basic challenge: asking again now cannot help. */
  static void writeTooManyAttempts(HttpServletResponse response, Duration retryAfter) throws IOException {
    long seconds = retryAfter.toSeconds();
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    writeProblem(response, HttpStatus.TOO_MANY_REQUESTS,
        "Too many failed logins: try again in " + seconds + " s (Retry-After)");
  }

  private static void writeHtml(HttpServletResponse response, HttpStatus status, String sentence) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
    // a constant sentence: nothing of the request is echoed
    response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><title>" + status.getReasonPhrase()
        + "</title></head><body><h1>" + status.getReasonPhrase() + "</h1><p>" + sentence
        + "</p><p><a href=\"" + TASKLIST_LOGIN + "\">Tasklist</a></p></body></html>");
  }

  static void writeProblem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    OBJECT_MAPPER.writeValue(response.getOutputStream(), Map.of(
        "type", "about:blank", "title", status.getReasonPhrase(), "status", status.value(), "detail", detail));
  }
}
