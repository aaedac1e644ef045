package org.exportcontrol.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bodies of the project's API are at most 1 MiB: a declared larger length is refused at once with
 * 413, and a chunked body is cut off when it passes the limit while being read. A file upload
 * (multipart/form-data) may declare up to {@link Uploads#MAX_REQUEST_BYTES}: the servlet container
 * reads it itself, past this wrapper, and enforces {@code spring.servlet.multipart.*} while it does;
 * only the upload endpoints read such a body at all (resolved lazily).
 */
@Component
@Order(RequestSizeLimit.ORDER)
public class RequestSizeLimit extends OncePerRequestFilter {

  /** After Spring Security, and before every filter that reads the body (the idempotency keys). */
  public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

  static final long LIMIT = 1024 * 1024;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = Uploads.isMultipart(request.getContentType()) ? Uploads.MAX_REQUEST_BYTES : LIMIT;
    if (request.getContentLengthLong() > limit) {
      response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Payload too large\",\"status\":413,"
          + "\"detail\":\"The request body exceeds " + limit + " bytes\"}");
      return;
    }
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public ServletInputStream getInputStream() throws IOException {
        return new Limited(request.getInputStream());
      }
    }, response);
  }

  private static final class Limited extends ServletInputStream {
    private final ServletInputStream in;
    private long read;

    Limited(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0 && ++read > LIMIT) {
        throw new PayloadTooLargeException(LIMIT);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0 && (read += n) > LIMIT) {
        throw new PayloadTooLargeException(LIMIT);
      }
      return n;
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
