package org.exportcontrol.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.exportcontrol.api.FieldViolation;
import org.exportcontrol.api.PayloadTooLargeException;
import org.exportcontrol.api.Problems;
import org.exportcontrol.api.ReadableAgain;
import org.exportcontrol.api.Uploads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on every POST of /api (docs/api.md, ADR 0018): the first request with a
 * key runs and its answer is kept; the same request again from the same user within the retention
 * gets that answer and runs nothing; another request under the key is 422, and one while the first
 * still runs is 409. Without the header nothing changes.
 *
 * <p>Runs after Spring Security (the key belongs to the authenticated user; refused callers claim
 * nothing) and after the body size limit (the body is read here, for its fingerprint).
 */
class IdempotencyFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

  private final IdempotencyKeys keys;
  private final ObjectMapper json;

  IdempotencyFilter(IdempotencyKeys keys, ObjectMapper json) {
    this.keys = keys;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !HttpMethod.POST.matches(request.getMethod())
        || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    List<String> headers = Collections.list(request.getHeaders(IdempotencyKey.HEADER));
    String user = authenticatedUser();
    if (headers.isEmpty() || user == null) {
      chain.doFilter(request, response);
      return;
    }
    String target = request.getMethod() + " " + request.getRequestURI();
    IdempotencyKey key;
    try {
      key = IdempotencyKey.parse(headers);
    } catch (IdempotencyKey.Malformed e) {
      log.info("Refused {} of {}: the Idempotency-Key header {}", target, user, e.getMessage());
      Problems.write(response, json, Problems.invalid(List.of(new FieldViolation(IdempotencyKey.HEADER, e.getMessage())),
          "The " + IdempotencyKey.HEADER + " header " + e.getMessage()));
      return;
    }
    // A file upload is fingerprinted by its parts, read by the servlet container (which enforces the
    // upload limits and keeps them for the controller): the raw body could not be handed on, and its
    // boundary is new in every retry of the same upload.
    boolean multipart = Uploads.isMultipart(request.getContentType());
    byte[] body = null;
    RequestFingerprint fingerprint;
    try {
      if (multipart) {
        fingerprint = RequestFingerprint.ofParts(request.getMethod(), request.getRequestURI(), request.getQueryString(),
            request.getParts());
      } else {
        body = request.getInputStream().readAllBytes();
        fingerprint = RequestFingerprint.of(request.getMethod(), request.getRequestURI(), request.getQueryString(), body);
      }
    } catch (PayloadTooLargeException e) {
      Problems.write(response, json, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", e.getMessage()));
      return;
    } catch (IllegalStateException e) {
      // the container's refusal of a file or form over spring.servlet.multipart.*
      ProblemDetail problem = Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
          "The file is larger than " + Uploads.MAX_FILE_BYTES + " bytes (10 MiB)");
      problem.setProperty("errors", List.of(Map.of("field", "file", "message", Uploads.TOO_LARGE)));
      Problems.write(response, json, problem);
      return;
    } catch (ServletException e) {
      Problems.write(response, json, Problems.of(HttpStatus.BAD_REQUEST, "Malformed request",
          "The body is not a valid multipart/form-data form"));
      return;
    }
    IdempotencyKeys.Claim claim;
    try {
      claim = keys.claim(user, key, fingerprint);
    } catch (DataAccessException e) {
      log.error("{} of {}: Idempotency-Key '{}' could not be claimed; the request did not run", target, user,
          key.value(), e);
      Problems.write(response, json, Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
          "The request could not be completed; it has been logged"));
      return;
    }
    switch (claim.outcome()) {
      case CLAIMED -> run(user, key, multipart ? request : new ReadableAgain(request, body), response, chain);
      case REPLAY -> {
        log.info("{} of {} repeated with Idempotency-Key '{}': answered as the first time ({})", target, user,
            key.value(), claim.response().status());
        replay(claim.response(), response);
      }
      case IN_FLIGHT -> {
        log.info("{} of {} refused: Idempotency-Key '{}' is still in flight", target, user, key.value());
        Problems.write(response, json, Problems.of(HttpStatus.CONFLICT, "Request in progress",
            "The request with this Idempotency-Key is still being processed. Send it again once it has "
                + "finished to get its answer."));
      }
      case OTHER_REQUEST -> {
        log.warn("{} of {} refused: Idempotency-Key '{}' was used for another request", target, user, key.value());
        Problems.write(response, json, Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused",
            "This Idempotency-Key was already used for a different request (another body or address). "
                + "Use a new key for a new request."));
      }
    }
  }

  /**
   * Runs the request and keeps its answer. A 5xx or an exception has no result worth repeating
   * (its transaction was rolled back): the key is freed so the client may send the same request again.
   */
  private void run(String user, IdempotencyKey key, HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    boolean answered = false;
    try {
      chain.doFilter(request, answer);
      answered = true;
    } finally {
      if (answered && answer.getStatus() < 500) {
        keys.complete(user, key, new StoredResponse(answer.getStatus(), answer.getContentType(),
            answer.getHeader(HttpHeaders.LOCATION), answer.getContentAsByteArray()));
      } else {
        keys.release(user, key);
      }
      answer.copyBodyToResponse();
    }
  }

  private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
    response.setStatus(stored.status());
    if (stored.contentType() != null) {
      response.setContentType(stored.contentType());
    }
    if (stored.location() != null) {
      response.setHeader(HttpHeaders.LOCATION, stored.location());
    }
    response.setContentLength(stored.body().length);
    response.getOutputStream().write(stored.body());
  }

  /** The security chain has authenticated every caller of /api by now; the key is that user's. */
  private static String authenticatedUser() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
      return null;
    }
    return authentication.getName();
  }
}
