package org.exportcontrol.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the project's API as application/problem+json ({@code status}, {@code title},
 * {@code detail}; validation errors add {@code errors: [{field, message}]}). Spring MVC's own
 * exceptions (wrong media type: 415, ...) are mapped by the base class; anything unexpected is logged
 * here and answered without internals.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalid(InvalidRequestException e) {
    return withErrors(e.violations());
  }

  @ExceptionHandler(ResourceNotFoundException.class)
  ProblemDetail notFound(ResourceNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
  }

  @ExceptionHandler(ForbiddenException.class)
  ProblemDetail forbidden(ForbiddenException e) {
    return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
  }

  @ExceptionHandler(AuthorizationException.class)
  ProblemDetail forbidden(AuthorizationException e) {
    log.warn("Refused by the engine's authorization: {}", e.getMessage());
    return problem(HttpStatus.FORBIDDEN, "Forbidden", "Your groups do not allow this request");
  }

  /**
   * The case changed under the request and the retries of {@link CollisionRetry} did not apply (or
   * another person's decision came first); nothing was stored.
   */
  @ExceptionHandler(OptimisticLockingException.class)
  ProblemDetail concurrentChange(OptimisticLockingException e) {
    log.info("Concurrent change: {}", e.getMessage());
    return problem(HttpStatus.CONFLICT, "Concurrent change",
        "The case was changed by someone else at the same moment; nothing was stored.");
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ProblemDetail tooLarge(PayloadTooLargeException e) {
    return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", e.getMessage());
  }

  /** A multipart body that is not a valid form (no boundary, cut off): 400, like malformed JSON. */
  @ExceptionHandler(MultipartException.class)
  ProblemDetail malformedMultipart(MultipartException e) {
    if (e instanceof MaxUploadSizeExceededException) {
      return fileTooLarge();
    }
    log.info("Malformed multipart request: {}", e.getMessage());
    return problem(HttpStatus.BAD_REQUEST, "Malformed request", "The body is not a valid multipart/form-data form");
  }

  @ExceptionHandler(FileTooLargeException.class)
  ProblemDetail fileTooLarge(FileTooLargeException e) {
    return fileTooLarge();
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("Unexpected error in the API", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "The request could not be completed; it has been logged");
  }

  /** Malformed JSON, a value of the wrong type, an unknown field: 400, naming the field where known. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof PayloadTooLargeException tooLarge) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge(tooLarge));
      }
    }
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = path(mapping);
      String message = mapping instanceof UnrecognizedPropertyException ? "is not a known field"
          : mapping instanceof InvalidFormatException format ? "has a value of the wrong type or format: " + format.getValue()
          : "has a value of the wrong type";
      return ResponseEntity.badRequest().body(withErrors(List.of(new FieldViolation(field, message))));
    }
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Malformed request",
        "The body is not valid JSON"));
  }

  /**
   * A form over {@link Uploads#MAX_REQUEST_BYTES}, refused by the container: 413 naming the field
   * {@code file}, like a file over 10 MiB (ADR 0027).
   */
  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(fileTooLarge());
  }

  private static ProblemDetail fileTooLarge() {
    ProblemDetail problem = problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
        new FileTooLargeException().getMessage());
    problem.setProperty("errors", List.of(java.util.Map.of("field", "file", "message", Uploads.TOO_LARGE)));
    return problem;
  }

  /** A query or path parameter of the wrong type ({@code ?page=first}): 400 naming it, like a body field. */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName();
    String type = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName().toLowerCase();
    return ResponseEntity.badRequest().body(withErrors(List.of(new FieldViolation(String.valueOf(name),
        "must be of type " + ("int".equals(type) || "integer".equals(type) ? "whole number" : type)))));
  }

  private static String path(JsonMappingException mapping) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : mapping.getPath()) {
      if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      } else {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      }
    }
    return path.toString();
  }

  private static ProblemDetail withErrors(List<FieldViolation> violations) {
    return Problems.invalid(violations);
  }

  static ProblemDetail problem(HttpStatus status, String title, String detail) {
    return Problems.of(status, title, detail);
  }
}
