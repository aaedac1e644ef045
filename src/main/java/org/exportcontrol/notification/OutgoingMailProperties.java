package org.exportcontrol.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The sender of outgoing email ({@code exportcontrol.mail.*}); the SMTP server is Spring's {@code spring.mail.*}. */
@ConfigurationProperties("exportcontrol.mail")
public record OutgoingMailProperties(@DefaultValue("Cyber Export Control <no-reply@exportcontrol.example>") String from) {}
