package org.exportcontrol.api;

/** An uploaded file over {@link Uploads#MAX_FILE_BYTES}: 413 naming the field {@code file}. */
public class FileTooLargeException extends RuntimeException {

  public FileTooLargeException() {
    super("The file is larger than " + Uploads.MAX_FILE_BYTES + " bytes (10 MiB)");
  }
}
