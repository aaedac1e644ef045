package org.exportcontrol.api;

/** Answered 403 with the reason. */
public class ForbiddenException extends RuntimeException {

  public ForbiddenException(String message) {
    super(message);
  }
}
