package org.exportcontrol.api;

import java.io.IOException;

/** A request body over the limit; an IOException because it is raised while the body is read. */
public class PayloadTooLargeException extends IOException {

  public PayloadTooLargeException(long limit) {
    super("The request body exceeds " + limit + " bytes");
  }
}
