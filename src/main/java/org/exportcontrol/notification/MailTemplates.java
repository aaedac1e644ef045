package org.exportcontrol.notification;

import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the mail templates in src/main/resources/templates/mail/: a plain-text subject, a plain-text
 * body and an HTML body per template. HTML output escapes every value ({@code th:text}).
 */
@Component
public class MailTemplates {

  // Spring's flavour: expressions are SpEL, as in the rest of the application.
  private final SpringTemplateEngine engine = new SpringTemplateEngine();

  public MailTemplates() {
    ClassLoaderTemplateResolver html = resolver(TemplateMode.HTML, "*.html", 1);
    ClassLoaderTemplateResolver text = resolver(TemplateMode.TEXT, "*.txt", 2);
    engine.addTemplateResolver(html);
    engine.addTemplateResolver(text);
  }

  public Rendered render(String template, Map<String, Object> model) {
    Context context = new Context();
    context.setVariables(model);
    // A subject is a header: no line breaks, whatever an applicant typed.
    String subject = engine.process(template + ".subject.txt", context).replaceAll("[\\r\\n]+", " ").trim();
    return new Rendered(subject, engine.process(template + ".txt", context), engine.process(template + ".html", context));
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
