package org.exportcontrol.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.annotation.Annotation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import jakarta.annotation.Priority;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.exportcontrol.engine.OperationClosedException;
import org.exportcontrol.engine.TaskAuthorizationViolation;
import org.exportcontrol.engine.TaskRuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * /engine-rest answers a closed operation ({@link OperationClosedException}) and the task gate's
 * refusals ({@link TaskAuthorizationViolation}: taking, completing or starting) as
 * application/problem+json naming the operation, like the project's own API. Every other error of
 * Camunda's REST API becomes problem+json too: Camunda's format names the exception's class in
 * {@code type}, and a failed step's message can carry the SQL statement, the table, the index and
 * the database's error code. Such a message is replaced by a sentence and logged instead.
 */
@Component
class EngineRestProblems implements ResourceConfigCustomizer {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(new ClosedOperationMapper());
    config.register(FieldRuleMapper.class);
    config.register(new TaskRefusalMapper());
    config.register(new CamundaErrorsAsProblems());
    config.register(new UnknownIdMapper());
  }

  /**
   * A completion or start refused by a field's rule (a task rule, the completion guard, a form
   * field's validator): 400 with the rule's sentence as it is, for the person at the form, without
   * Camunda's "Cannot submit task form &lt;id&gt;: " in front, and the field's name for API clients
   * ({@code field}, {@code errors: [{field, message}]}, as the project's own API names bad fields).
   * Camunda wraps the violation in a {@link RestException}; any other one is answered as Camunda does.
   * Registered with a higher priority than Camunda's own mapper of the same type.
   */
  @Priority(1)
  static final class FieldRuleMapper implements ExceptionMapper<RestException> {

    @Override
    public Response toResponse(RestException e) {
      Throwable cause = e.getCause();
      while (cause != null && !(cause instanceof FormFieldValidationException)) {
        cause = cause.getCause();
      }
      if (!(cause instanceof FormFieldValidationException violation)) {
        return ExceptionHandlerHelper.getInstance().getResponse(e);
      }
      return fieldProblem(violation);
    }
  }

  /** The same answer when the violation reaches Jersey unwrapped. */
  static Response fieldProblem(FormFieldValidationException violation) {
    String field = violation instanceof TaskRuleViolation rule ? rule.getField()
        : violation.getDetail() instanceof String name ? name : null;
    String sentence = violation.getMessage();
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", "Bad Request");
    problem.put("status", 400);
    problem.put("detail", sentence);
    if (field != null) {
      problem.put("field", field);
      problem.put("errors", java.util.List.of(Map.of("field", field, "message", sentence)));
    }
    problem.put("message", sentence);
    try {
      return Response.status(400).type(MediaType.APPLICATION_PROBLEM_JSON_VALUE).entity(JSON.writeValueAsString(problem))
          .build();
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** Camunda answers some unknown ids (a process instance's variables) with 500: it is a 404. */
  static final class UnknownIdMapper implements ExceptionMapper<NullValueException> {

    @Override
    public Response toResponse(NullValueException e) {
      ExceptionDto error = ExceptionDto.fromException(e);
      return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_VALUE).entity(error).build();
    }
  }

  /** Camunda's {@link ExceptionDto} errors as problem+json, without the engine's internals. */
  static final class CamundaErrorsAsProblems implements ContainerResponseFilter {

    private static final Logger log = LoggerFactory.getLogger(CamundaErrorsAsProblems.class);

    /** What only the engine's insides say: SQL, tables, indexes, database codes, classes, stack frames. */
    static final Pattern INTERNALS = Pattern.compile("(?is)\\bselect\\s+(distinct\\s+)?[\\w.*]+(\\s*,\\s*[\\w.*]+)*\\s+from\\b|\\binsert\\s+into\\b|\\bupdate\\s+\\w+\\s+set\\b"
        + "|\\bdelete\\s+from\\b|sql\\s?state|\\bsql\\b|\\bACT_[A-Z]{2}_|\\b(UK|FK|IDX|PK)_[A-Z0-9_]+|ENGINE-03\\d{3}|###"
        + "|\\b(org|java|jakarta|com)\\.[a-z]+\\.|[A-Za-z]+(Exception|Entity)\\b|\\tat |duplicate key|constraint");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (response.getStatus() < 400 || !(response.getEntity() instanceof ExceptionDto error)) {
        return;
      }
      Map<String, Object> problem = JSON.convertValue(error, new TypeReference<LinkedHashMap<String, Object>>() {});
      problem.remove("type");
      problem.remove("code");
      String message = error.getMessage() == null ? "" : error.getMessage();
      // a refused deployment quotes the administrator's own diagram back (element, line, expression)
      boolean quotesTheDiagram = request.getUriInfo().getPath().endsWith("deployment/create");
      String detail = response.getStatus() >= 500 ? "The request could not be completed; it has been logged."
          : !quotesTheDiagram && INTERNALS.matcher(message).find() ? "The engine refused the request; it has been logged."
          : message;
      if (!detail.equals(message)) {
        log.warn("{} {} answered {} without the engine's message: {}", request.getMethod(),
            request.getUriInfo().getPath(), response.getStatus(), message);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", "about:blank");
      body.put("title", Response.Status.fromStatusCode(response.getStatus()) == null ? "Error"
          : Response.Status.fromStatusCode(response.getStatus()).getReasonPhrase());
      body.put("status", response.getStatus());
      body.put("detail", detail);
      problem.remove("message");
      body.putAll(problem);
      body.put("message", detail);
      response.setEntity(body, new Annotation[0], jakarta.ws.rs.core.MediaType.valueOf(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
    }
  }

  static final class ClosedOperationMapper implements ExceptionMapper<OperationClosedException> {

    @Override
    public Response toResponse(OperationClosedException e) {
      return forbidden(e.operation(), e.getMessage());
    }
  }

  /** Who may take, complete or start what: the task gate's refusals. */
  static final class TaskRefusalMapper implements ExceptionMapper<TaskAuthorizationViolation> {

    @Override
    public Response toResponse(TaskAuthorizationViolation e) {
      return forbidden(e.operation(), e.getMessage());
    }
  }

  /** 403 as problem+json; {@code message} repeats the detail for clients that read Camunda's error format. */
  private static Response forbidden(String operation, String detail) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", "Forbidden");
    problem.put("status", 403);
    problem.put("detail", detail);
    if (operation != null) {
      problem.put("operation", operation);
    }
    problem.put("message", detail);
    try {
      return Response.status(403).type(MediaType.APPLICATION_PROBLEM_JSON_VALUE).entity(JSON.writeValueAsString(problem))
          .build();
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
