package org.exportcontrol.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Requests from another loopback address (127.0.0.2 and up reach the server on 127.0.0.1), for the
 * rules that depend on the client's address: a test's failed logins then slow down no other test,
 * which all come from 127.0.0.1. Plain HTTP/1.0 over a socket bound to the address (the JDK's
 * client cannot choose its local address before Java 19): the server closes the connection after
 * the answer and sends no chunks.
 */
public final class FromAddress {

  private final String address;
  private final int port;

  public FromAddress(String address, int port) {
    this.address = address;
    this.port = port;
  }

  /** An answer: status, headers by lower-case name, body. */
  public record Response(int status, Map<String, String> headers, String body) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  public Response get(String path, String user, String password) {
    return get(path, Map.of("Authorization", basic(user, password)));
  }

  public Response get(String path, Map<String, String> headers) {
    return send("GET " + path, headers, null, null);
  }

  /** A form POST, as a browser sends it, with extra headers (cookies, a CSRF token). */
  public Response postForm(String path, String form, Map<String, String> headers) {
    return send("POST " + path, headers, "application/x-www-form-urlencoded", form);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private Response send(String requestLine, Map<String, String> headers, String contentType, String body) {
    try (Socket socket = new Socket()) {
      socket.setSoTimeout(30_000);
      socket.bind(new InetSocketAddress(address, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.0\r\nHost: localhost:").append(port)
          .append("\r\n");
      headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      if (body != null) {
        request.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(content.length)
            .append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toByteArray();
  }

  private static Response parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
          (first, next) -> first + ", " + next);
    }
    return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
  }
}
