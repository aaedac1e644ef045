package org.exportcontrol.document;

/**
 * The case a document belongs to, as its feature names it: an application (by id) or a license (by
 * number). The feature has checked that the caller may see the case before it hands one over.
 *
 * @param kind {@code APPLICATION} or {@code LICENSE}
 * @param id the application's id or the license's number
 * @param subject what the decision log records the case under (the application's reference, the license's number)
 * @param path the case's address in the API, such as {@code /api/applications/{id}}
 */
public record DocumentCase(String kind, String id, String subject, String path) {

  public static final String APPLICATION = "APPLICATION";
  public static final String LICENSE = "LICENSE";

  public static DocumentCase application(String id, String reference) {
    return new DocumentCase(APPLICATION, id, reference, "/api/applications/" + id);
  }

  public static DocumentCase license(String number) {
    return new DocumentCase(LICENSE, number, number, "/api/licenses/" + number);
  }

  /** Where a document of this case is downloaded. */
  public String downloadPath(String documentId) {
    return path + "/documents/" + documentId;
  }
}
