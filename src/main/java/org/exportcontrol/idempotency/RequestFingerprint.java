package org.exportcontrol.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of what a request asks: method, path with query, and the body's bytes. A key sent again
 * with another fingerprint is another request under a used key (422), not a retry.
 */
record RequestFingerprint(String sha256) {

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
