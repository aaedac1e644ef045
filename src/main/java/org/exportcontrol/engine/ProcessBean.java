package org.exportcontrol.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring bean that BPMN and DMN expressions may call ({@code ${sendEmail}}).
 *
 * <p>Deploying a diagram is running code, so the engine sees only these beans, and the deployment
 * guard refuses any expression that names another one. Keep such beans small and specific.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ProcessBean {}
