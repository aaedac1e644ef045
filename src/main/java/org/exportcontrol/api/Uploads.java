package org.exportcontrol.api;

/**
 * The limits of a file upload (multipart/form-data): a file of at most 10 MiB, checked by the
 * application once the whole form is read ({@link FileTooLargeException}), and a form of at most 1 MiB
 * more, which the container enforces while reading ({@code spring.servlet.multipart.*} in
 * application.yaml, kept equal).
 */
public final class Uploads {

  public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
  public static final long MAX_REQUEST_BYTES = MAX_FILE_BYTES + 1024 * 1024;
  public static final String TOO_LARGE = "must be at most 10 MiB (" + MAX_FILE_BYTES + " bytes)";

  private Uploads() {}

  /** Whether the request's body is a form with files, which only the upload endpoints read. */
  public static boolean isMultipart(String contentType) {
    return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
  }
}
