package org.exportcontrol.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.task.Task;
import org.exportcontrol.e2e.Tasklist.TaskForm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.exportcontrol.support.Mailbox;

/** The reviewers' and the licensing officer's path through Camunda Tasklist, in a real browser. */
class TasklistReviewBrowserTest extends BrowserTest {

  static final String REVIEW_COMMENTS = "Comments (required unless Approve; the conditions, the reasons, or the question to the applicant)";

  @Autowired HistoryService historyService;

  @Test
  void legalReviewerRejectsInTasklistAndTheProcessAndTheApplicationShowIt() {
    Case application = submitApplication("DE");
    String reference = application.reference();
    String processInstanceId = application.processInstanceId();
    String taskId = driver.task(processInstanceId, "legalReview").getId();
    Browser browser = browser("scenario-1-legal-rejects");

    Tasklist tasklist = new Tasklist(browser, baseUrl()).logIn("legal", "Lea Legal");
    assertThat(tasklist.filterNames()).containsExactly("Legal reviewers: my group's tasks");
    tasklist.openFilter("Legal reviewers: my group's tasks");
    // the card names the case: reference, product, country and exporter (issue 16, 4)
    assertThat(tasklist.taskCard("Legal review", reference).getText())
        .contains(reference, "Interceptor <X>", "DE", "Demo Cyber Ltd");
    TaskForm form = tasklist.openTask("Legal review", reference);
    assertThat(form.value("Product")).isEqualTo("Interceptor <X>");
    assertThat(form.value("End user")).isEqualTo("National Police");
    assertThat(form.value("Country")).isEqualTo("Germany");
    assertThat(form.value("Declared offences"))
        .isEqualTo("Terrorist act: Hostage taking\nSerious crime: Drug trafficking, punishable by up to 12 years in prison");
    assertThat(form.value("Can the exporter shut it down remotely?")).isEqualTo("Yes");

    tasklist.claim();
    form.select("Recommendation", "Reject");
    form.type(REVIEW_COMMENTS, "The end user's record does not meet the end-use rules");
    browser.screenshot("scenario-1-legal-review-form");
    tasklist.complete("Legal review", reference);
    browser.screenshot("scenario-1-legal-rejects");

    HistoricTaskInstance done = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
    assertThat(done.getEndTime()).as("the legal review is completed").isNotNull();
    assertThat(done.getAssignee()).isEqualTo("legal");
    Map<String, Object> variables = processEngine.getRuntimeService().getVariables(processInstanceId);
    assertThat(variables).containsEntry("legalRecommendation", "REJECT")
        .containsEntry("legalComments", "The end user's record does not meet the end-use rules");
    // The form's display fields are disabled, so the completion wrote only the review back to the process.
    assertThat(variables).doesNotContainKey("legalAnswer");
    for (String shown : List.of("endUserType", "countryTier", "declaredPurposesText", "certificateText")) {
      assertThat(historyService.createHistoricDetailQuery().processInstanceId(processInstanceId).variableUpdates()
          .list().stream().filter(d -> shown.equals(((HistoricVariableUpdate) d).getVariableName())).count())
          .as("updates of " + shown + " (set once by the screening)").isEqualTo(1);
    }

    String applicationId = application.id();
    Map<String, Object> staffView = driver.view("officer", applicationId);
    assertThat(staffView).containsEntry("status", "IN_REVIEW");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> reviews = (List<Map<String, Object>>) staffView.get("reviews");
    assertThat(reviews).singleElement().satisfies(review -> {
      assertThat(review).containsEntry("step", "legalReview").containsEntry("outcome", "REJECT")
          .containsEntry("comments", "The end user's record does not meet the end-use rules").containsEntry("by", "legal");
    });
    assertThat(driver.view("exporter", applicationId)).as("applicants do not see the reviewers' advice")
        .doesNotContainKey("reviews");
  }

  /**
   * Issue 16, 3 and 5: the review form shows the application in words, and a refused completion
   * tells the reviewer in a sentence what to do, in a notification that leaves the Complete button free.
   */
  @Test
  void aReviewFormSpeaksPlainEnglishAndARefusalIsASentence() {
    Case application = submitApplication("DE");
    String reference = application.reference();
    Browser browser = browser("scenario-validation-sentence");
    Tasklist tasklist = new Tasklist(browser, baseUrl()).logIn("tech", "Tess Technical");
    tasklist.openFilter("Technical reviewers: my group's tasks");
    TaskForm form = tasklist.openTask("Technical review", reference);
    assertThat(form.value("Category")).isEqualTo("Interception");
    assertThat(form.value("End-user type")).isEqualTo("Law enforcement");
    assertThat(form.value("Country")).isEqualTo("Germany");
    assertThat(form.value("Outcome and reasons")).startsWith("Passed: none of the screening rules objected.");
    assertThat(form.text()).contains("Case file: " + reference)
        .doesNotContain("Earlier question and the applicant's answer", "Documents", "INTERCEPTION", "LAW_ENFORCEMENT");
    assertThat(form.link(reference)).endsWith("/cases/" + reference);

    tasklist.claim();
    form.select("Recommendation", "Reject");
    tasklist.clickComplete();
    String notification = tasklist.notification();
    browser.screenshot("scenario-validation-sentence");
    assertThat(notification).contains("Please give your comments: they are required unless you recommend approval; "
        + "for a request for information they are the question to the applicant.")
        .doesNotContain("Cannot submit task form", "technicalComments");
    assertThat(tasklist.completeButtonCovered()).as("the notification leaves the Complete button free").isFalse();

    form.type(REVIEW_COMMENTS, "Not a lawful interception product");
    tasklist.complete("Technical review", reference);
  }

  @Test
  void reviewersAdviseAndTheOfficerDecidesInTasklistAndTheApplicantIsEmailed() throws Exception {
    Case application = submitApplication("DE");
    String reference = application.reference();
    String processInstanceId = application.processInstanceId();
    driver.complete("legal", driver.task(processInstanceId, "legalReview"), withVariables("legalRecommendation", "APPROVE"));
    Browser browser = browser("scenario-2-officer-decides");
    Tasklist tasklist = new Tasklist(browser, baseUrl());

    tasklist.logIn("tech", "Tess Technical").openFilter("Technical reviewers: my group's tasks");
    TaskForm technical = tasklist.openTask("Technical review", reference);
    tasklist.claim();
    technical.select("Recommendation", "Approve");
    tasklist.complete("Technical review", reference);
    tasklist.logOut();

    tasklist.logIn("foreign", "Farid Foreign").openFilter("Foreign-affairs reviewers: my group's tasks");
    TaskForm foreignAffairs = tasklist.openTask("Foreign-affairs review", reference);
    tasklist.claim();
    foreignAffairs.select("Recommendation", "Approve with conditions");
    foreignAffairs.type(REVIEW_COMMENTS, "Report every deployment to the agency yearly");
    tasklist.complete("Foreign-affairs review", reference);
    tasklist.logOut();
    driver.joinReviews(processInstanceId);

    tasklist.logIn("officer", "Olga Officer").openFilter("Licensing officers: my group's tasks");
    TaskForm decision = tasklist.openTask("Licensing decision", reference);
    assertThat(decision.value("Technical recommendation")).isEqualTo("Approve");
    assertThat(decision.value("Legal recommendation")).isEqualTo("Approve");
    assertThat(decision.value("Foreign-affairs recommendation")).isEqualTo("Approve with conditions");
    assertThat(decision.value("Foreign-affairs comments")).isEqualTo("Report every deployment to the agency yearly");
    assertThat(decision.value("Suggested outcome (consolidated advice)")).isEqualTo("Approve with conditions");
    assertThat(decision.value("License conditions")).isEqualTo("Foreign affairs: Report every deployment to the agency yearly");
    tasklist.claim();
    decision.choose("Decision", "Approve");
    browser.screenshot("scenario-2-decision-form");
    tasklist.complete("Licensing decision", reference);
    browser.screenshot("scenario-2-officer-decides");

    assertThat(processEngine.getRuntimeService().getVariables(processInstanceId))
        .containsEntry("technicalRecommendation", "APPROVE")
        .containsEntry("foreignAffairsRecommendation", "APPROVE_WITH_CONDITIONS")
        .containsEntry("licensingDecision", "APPROVE").containsEntry("licensingDecisionBy", "officer");
    driver.runAsyncJobs(processInstanceId);
    Map<String, Object> view = driver.view("exporter", application.id());
    assertThat(view).containsEntry("status", "APPROVED");
    Map<?, ?> license = (Map<?, ?>) view.get("license");
    assertThat(license.get("conditions")).isEqualTo("Foreign affairs: Report every deployment to the agency yearly");

    MimeMessage approval = mail(reference + ": approved, license " + license.get("number"));
    assertThat(approval.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("exporter@demo-cyber.example");
    assertThat(GreenMailUtil.getBody(approval)).contains((String) license.get("number"),
        "Report every deployment to the agency yearly");
  }

  @Test
  void aTechnicalReviewerCannotSeeOrOpenALegalTask() {
    Case application = submitApplication("DE");
    String reference = application.reference();
    String processInstanceId = application.processInstanceId();
    Task legalTask = driver.task(processInstanceId, "legalReview");
    Browser browser = browser("scenario-4-tech-refused-legal-task");

    Tasklist tasklist = new Tasklist(browser, baseUrl()).logIn("tech", "Tess Technical");
    assertThat(tasklist.filterNames()).containsExactly("Technical reviewers: my group's tasks");
    tasklist.openFilter("Technical reviewers: my group's tasks");
    tasklist.taskCard("Technical review", reference);
    assertThat(browser.findAll(Tasklist.card("Legal review", reference))).as("the legal task in tech's list").isEmpty();
    assertThat(tasklist.taskNamesShown()).isNotEmpty().allMatch("Technical review"::equals);

    // The legal reviewers' filter asked for by its address: tech may not read it, so Tasklist stays on
    // tech's own filter and lists no legal task.
    String legalFilterId = processEngine.getFilterService().createFilterQuery()
        .filterName("Legal reviewers: my group's tasks").singleResult().getId();
    tasklist.openFilterByUrl(legalFilterId);
    tasklist.taskCard("Technical review", reference);
    assertThat(tasklist.activeFilterName()).isEqualTo("Technical reviewers: my group's tasks");
    assertThat(browser.findAll(Tasklist.card("Legal review", reference))).as("legal tasks through the legal filter").isEmpty();
    browser.screenshot("scenario-4-legal-filter-by-address");

    tasklist.openTaskByUrl(legalTask.getId());
    assertThat(tasklist.notification()).contains("The task does not exist anymore");
    assertThat(tasklist.formShown()).as("a form shown for the legal task").isFalse();
    browser.screenshot("scenario-4-tech-refused-legal-task");

    Task untouched = driver.task(processInstanceId, "legalReview");
    assertThat(untouched.getId()).isEqualTo(legalTask.getId());
    assertThat(untouched.getAssignee()).isNull();
  }

  private MimeMessage mail(String subject) {
    return Mailbox.mail(smtp, subject);
  }
}
