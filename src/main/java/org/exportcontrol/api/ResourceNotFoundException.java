package org.exportcontrol.api;

/** Answered 404. Also what a caller gets for another company's case: its existence is not disclosed. */
public class ResourceNotFoundException extends RuntimeException {

  public ResourceNotFoundException(String message) {
    super(message);
  }
}
