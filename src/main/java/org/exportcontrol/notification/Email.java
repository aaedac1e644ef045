package org.exportcontrol.notification;

import java.util.Map;

/**
 * One email to send.
 *
 * @param key idempotency key: the same key is sent at most once, however often it is asked for
 * @param to recipient address
 * @param template name of the templates under templates/mail/ ({@code <template>.subject.txt},
 *     {@code .txt} and {@code .html})
 * @param model values for the templates; applicant-supplied text is escaped by the template engine
 * @param businessKey the case it belongs to, for the record
 * @param processInstanceId the process instance that sent it, for the record
 */
public record Email(String key, String to, String template, Map<String, Object> model,
    String businessKey, String processInstanceId) {}
