package org.exportcontrol.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A browser's session with the webapps, without a browser: it opens Tasklist (a session and the CSRF
 * token), logs in through Tasklist's login form as the login page does, and keeps the cookies, so that
 * the pages beside the webapps (the case file) can be asked as that logged-in user.
 */
public final class WebappSession {

  private final HttpClient client;
  private final String baseUrl;

  private WebappSession(String baseUrl) {
    this.baseUrl = baseUrl;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** A session without a login. */
  public static WebappSession anonymous(int port) {
    return new WebappSession("http://localhost:" + port);
  }

  /** A session logged into Tasklist as the demo user (password = user id); answers the login's status too. */
  public static WebappSession loggedIn(int port, String user) {
    WebappSession session = anonymous(port);
    int status = session.logIn(user);
    if (status != 200) {
      throw new AssertionError("Tasklist login of " + user + " answered " + status);
    }
    return session;
  }

  /** Logs in through Tasklist's login resource; the HTTP status it answered. */
  public int logIn(String user) {
    HttpResponse<String> page = get("/camunda/app/tasklist/default/");
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(user, StandardCharsets.UTF_8);
    return send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString(form)).build()).statusCode();
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
