package org.exportcontrol.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Tasklist completes and starts through the webapps' own copy of the engine's REST API
 * ({@code /camunda/api/engine/...}), not /engine-rest, and shows a refusal's {@code message} as it is:
 * "Cannot submit task form 1a4f449f-…: Please give your comments: …". The rule's sentence is for the
 * person at the form; the task's id in front of it is not. This filter strips Camunda's prefix from a
 * 400 of a form submission or completion there, keeping Camunda's error format, which Tasklist reads
 * (ADR 0028). /engine-rest answers the same refusals as problem+json ({@link EngineRestProblems}).
 */
@Configuration
class WebappFormRefusals {

  static final Pattern PREFIX = Pattern.compile(
      "(?s)^Cannot (?:submit task form|complete task|instantiate process definition) [^:\\s]+: (.+)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> webappFormRefusalSentences() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
    registration.setName("webapp-form-refusals");
    registration.addUrlPatterns("/camunda/api/engine/*");
    return registration;
  }

  static final class Filter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      String uri = request.getRequestURI();
      return !"POST".equals(request.getMethod()) || !(uri.endsWith("/submit-form") || uri.endsWith("/complete"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
      try {
        chain.doFilter(request, cached);
        if (cached.getStatus() == 400) {
          byte[] body = sentence(cached.getContentAsByteArray());
          if (body != null) {
            cached.resetBuffer();
            cached.getOutputStream().write(body);
          }
        }
      } finally {
        cached.copyBodyToResponse();
      }
    }

    /** The body with the message's prefix removed, or null to leave it as it is. */
    static byte[] sentence(byte[] body) {
      try {
        if (!(JSON.readTree(body) instanceof ObjectNode error) || !error.path("message").isTextual()) {
          return null;
        }
        Matcher prefixed = PREFIX.matcher(error.path("message").asText());
        if (!prefixed.matches()) {
          return null;
        }
        error.put("message", prefixed.group(1));
        return JSON.writeValueAsString(error).getBytes(StandardCharsets.UTF_8);
      } catch (IOException notJson) {
        return null;
      }
    }
  }
}
