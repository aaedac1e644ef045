package org.exportcontrol.casefile;

import java.util.List;

/**
 * What the case file page shows, ready to print: codes in words, times in the agency's zone, names
 * instead of user ids. Every text is printed escaped by the template ({@code th:text}).
 *
 * @param requested the reference the page was opened with (an application's or a license's)
 * @param documents null when no feature answers {@link CaseDocuments} yet
 */
record CaseFile(
    String requested,
    String applicationReference,
    String applicationId,
    String status,
    List<Fact> facts,
    List<String> purposes,
    List<Fact> screening,
    List<String> screeningReasons,
    List<Fact> license,
    List<Report> reports,
    List<Entry> decisions,
    List<Entry> record,
    List<CaseDocuments.CaseDocument> documents,
    List<Email> emails,
    List<OpenTask> tasks,
    List<Process> processes) {

  record Fact(String label, String value) {}

  /** A misuse report on the case's license. */
  record Report(String reference, List<Fact> facts) {}

  /** A decision log entry: who, when, what and why. */
  record Entry(long seq, String at, String actor, String action, String subject, List<Fact> details) {}

  record Email(String createdAt, String sentAt, String recipient, String subject, String status) {}

  record OpenTask(String name, String subject, String assignee, String candidates, String created, String due,
      boolean overdue, String tasklistPath) {}

  /** A process instance of the case, drawn by the page's script from {@code /cases/{reference}/diagrams}. */
  record Process(String id, String name, String businessKey, String started, String ended, boolean running) {}

  /** The diagram data of one process instance. */
  record Diagram(String id, String name, String businessKey, boolean running, String xml, List<String> passed,
      List<String> current) {}
}
