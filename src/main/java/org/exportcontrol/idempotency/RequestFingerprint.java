package org.exportcontrol.idempotency;

import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of what a request asks: method, path with query, and the body's bytes (of a file upload:
 * each part's name, file name, type and content, so that a retry with a new boundary is the same
 * request). A key sent again with another fingerprint is another request under a used key (422), not a retry.
 */
record RequestFingerprint(String sha256) {

  static RequestFingerprint ofParts(String method, String path, String query, Collection<Part> parts)
      throws IOException {
    ByteArrayOutputStream canonical = new ByteArrayOutputStream();
    for (Part part : parts) {
      String header = part.getName() + "\n" + part.getSubmittedFileName() + "\n" + part.getContentType() + "\n";
      canonical.write(header.getBytes(StandardCharsets.UTF_8));
      try (InputStream in = part.getInputStream()) {
        canonical.write(of("", "", null, in.readAllBytes()).sha256().getBytes(StandardCharsets.US_ASCII));
      }
      canonical.write('\n');
    }
    return of(method, path, query, canonical.toByteArray());
  }

  static RequestFingerprint of(String method, String path, String query, byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String target = method + " " + path + (query == null ? "" : "?" + query) + "\n";
      digest.update(target.getBytes(StandardCharsets.UTF_8));
      digest.update(body);
      return new RequestFingerprint(HexFormat.of().formatHex(digest.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
