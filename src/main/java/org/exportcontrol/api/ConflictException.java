package org.exportcontrol.api;

/** Answered 409: the request is well-formed but the case is not in a state that allows it. */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
