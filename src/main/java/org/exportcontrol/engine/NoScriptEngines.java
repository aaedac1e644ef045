package org.exportcontrol.engine;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's script engines, none: diagrams may not contain scripts (ADR 0003). The engine ships a
 * JUEL script engine whose resolver calls any method of any object, outside the expression sandbox;
 * a script condition ({@code language="juel"}) that reached the database past the deployment guard
 * would run with it. With this resolver every script fails before it runs.
 */
public class NoScriptEngines implements org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver {

  private static final Logger log = LoggerFactory.getLogger(NoScriptEngines.class);

  @Override
  public void addScriptEngineFactory(ScriptEngineFactory scriptEngineFactory) {
    throw new UnsupportedOperationException("Scripts are not run in this application");
  }

  @Override
  public ScriptEngineManager getScriptEngineManager() {
    // an empty manager: the bootstrap class loader knows no script engine
    return new ScriptEngineManager(null);
  }

  @Override
  public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
    String message = "Refused by the expression sandbox: script language '" + language
        + "' (scripts are not run in this application)";
    log.warn(message);
    throw new ExpressionRefusedException(message);
  }
}
