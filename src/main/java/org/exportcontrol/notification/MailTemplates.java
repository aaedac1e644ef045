package org.exportcontrol.notification;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.exportcontrol.wording.Wording;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the mail templates in src/main/resources/templates/mail/: a plain-text subject, a plain-text
 * body and an HTML body per template. HTML output escapes every value ({@code th:text}). A template
 * sees the case's values as people read them ({@link #words}): the codes and moments the processes
 * hold are replaced by their labels and by dates in the agency's time zone.
 */
@Component
public class MailTemplates {

  // Spring's flavour: expressions are SpEL, as in the rest of the application.
  private final SpringTemplateEngine engine = new SpringTemplateEngine();

  private final Wording wording;

  public MailTemplates(Wording wording) {
    this.wording = wording;
    ClassLoaderTemplateResolver html = resolver(TemplateMode.HTML, "*.html", 1);
    ClassLoaderTemplateResolver text = resolver(TemplateMode.TEXT, "*.txt", 2);
    engine.addTemplateResolver(html);
    engine.addTemplateResolver(text);
  }

  public Rendered render(String template, Map<String, Object> model) {
    Context context = new Context();
    context.setVariables(words(model));
    // A subject is a header: no line breaks, whatever an applicant typed.
    String subject = engine.process(template + ".subject.txt", context).replaceAll("[\\r\\n]+", " ").trim();
    return new Rendered(subject, engine.process(template + ".txt", context), engine.process(template + ".html", context));
  }

  /**
   * The model in words: a country's name, the screening's reasons in sentences, days and moments in
   * the agency's time zone ("4 December 2026, 03:49 (London time)"), a user's name. The process's
   * variables themselves keep their codes; only what the template reads changes.
   */
  Map<String, Object> words(Map<String, Object> model) {
    Map<String, Object> words = new HashMap<>(model);
    replace(words, "endUserCountry", wording::country);
    replace(words, "decisionReasons", reasons -> wording.labels(reasons).replace("\n", " "));
    replace(words, "licenseValidFrom", wording::date);
    replace(words, "licenseValidUntil", wording::date);
    replace(words, "cancelledAt", wording::dateTime);
    replace(words, "appealDeadline", wording::dateTime);
    replace(words, "appealDueDate", wording::date);
    replace(words, "assignee", wording::name);
    if (model.get("shutdownDeadline") != null) {
      words.put("shutdownDeadlineText", wording.dateTime(model.get("shutdownDeadline")));
    }
    if (model.get("dueAt") != null) {
      words.put("dueDate", wording.dateTime(model.get("dueAt")));
    }
    return words;
  }

  private static void replace(Map<String, Object> model, String name, java.util.function.Function<Object, String> words) {
    Object value = model.get(name);
    if (value != null) {
      model.put(name, words.apply(value));
    }
  }

  public record Rendered(String subject, String text, String html) {}

  private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/mail/");
    resolver.setTemplateMode(mode);
    resolver.setResolvablePatterns(Set.of(pattern));
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    resolver.setOrder(order);
    return resolver;
  }
}
