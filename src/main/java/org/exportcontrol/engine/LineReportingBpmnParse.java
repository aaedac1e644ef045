package org.exportcontrol.engine;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.xml.sax.SAXParseException;

/**
 * The engine reports XML that is not well-formed as a plain engine error (500 from /engine-rest,
 * without a line). This parse turns it into a parse error with resource, line and column, which
 * /engine-rest answers with 400 like any other problem in a diagram.
 */
public class LineReportingBpmnParse extends BpmnParse {

  public LineReportingBpmnParse(BpmnParser parser) {
    super(parser);
  }

  @Override
  public BpmnParse execute() {
    try {
      return super.execute();
    } catch (ParseException e) {
      throw e;
    } catch (ProcessEngineException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof SAXParseException sax) {
          if (!hasErrors()) {
            addError(sax);
          }
          throwExceptionForErrors();
        }
      }
      throw e;
    }
  }
}
