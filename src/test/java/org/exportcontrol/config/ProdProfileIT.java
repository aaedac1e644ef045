package org.exportcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.exportcontrol.support.Await;
import org.junit.jupiter.api.Test;

/**
 * The {@code prod} profile as it runs: the packaged jar started with it, asked through a proxy that
 * says the client spoke HTTPS. Reading the profile's YAML proves nothing about what the server sends
 * (issue 22, 6); this asserts the headers and cookies themselves.
 */
class ProdProfileIT {

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void behindHttpsTheWebappsSendHstsAndOnlySecureCookies() throws Exception {
    Path jar;
    try (var files = Files.list(Path.of("target"))) {
      jar = files.filter(p -> p.getFileName().toString().matches("cyber-export-control-.*\\.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("the application jar is missing: run through 'verify'"));
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("prod-profile", ".log");
    Process app = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-jar", jar.toString(), "--server.port=" + port, "--spring.profiles.active=prod,demo",
        "--spring.datasource.url=jdbc:h2:mem:prod-profile;DB_CLOSE_DELAY=-1", "--spring.datasource.username=sa",
        "--spring.datasource.password=", "--spring.mail.host=127.0.0.1", "--spring.mail.port=1",
        "--camunda.bpm.job-execution.enabled=false"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Await.until("the jar started with prod to be healthy (log: " + log + ")", () -> healthy(port),
          Duration.ofSeconds(120), Duration.ofMillis(500));

      HttpResponse<String> welcome = http.send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + "/camunda/app/welcome/default/"))
          .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(welcome.statusCode()).isEqualTo(200);
      assertThat(welcome.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
          hsts -> assertThat(hsts).contains("max-age=31536000"));
      List<String> cookies = welcome.headers().allValues("Set-Cookie");
      assertThat(cookies).as("the webapp's session and CSRF cookies").isNotEmpty()
          .anyMatch(c -> c.startsWith("XSRF-TOKEN=")).allMatch(ProdProfileIT::secure);

      HttpResponse<String> login = http.send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/welcome"))
          .header("X-Forwarded-Proto", "https").header("Content-Type", "application/x-www-form-urlencoded")
          .header("X-XSRF-TOKEN", cookie(cookies, "XSRF-TOKEN"))
          .header("Cookie", String.join("; ", cookies.stream().map(c -> c.substring(0, c.indexOf(';'))).toList()))
          .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=admin")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
      assertThat(login.headers().allValues("Set-Cookie")).as("the session cookie after login")
          .anyMatch(c -> c.startsWith("JSESSIONID=")).allMatch(ProdProfileIT::secure);
    } finally {
      app.destroy();
      if (!app.waitFor(30, TimeUnit.SECONDS)) {
        app.destroyForcibly();
      }
    }
  }

  private boolean healthy(int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A Set-Cookie header with the Secure attribute, however the server spaces its attributes. */
  private static boolean secure(String setCookie) {
    return java.util.Arrays.stream(setCookie.split(";")).skip(1).anyMatch(a -> a.trim().equalsIgnoreCase("Secure"));
  }

  private static String cookie(List<String> setCookies, String name) {
    return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).orElseThrow();
  }
}
