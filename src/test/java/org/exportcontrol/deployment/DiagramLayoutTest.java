package org.exportcontrol.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Administrators read the diagrams in Camunda Modeler: every flow node and flow is drawn, no two
 * shapes overlap (except a boundary event on its task and the contents of a subprocess), no two
 * flows cross or run on top of each other, no flow runs through a shape, and no label covers a
 * shape, a flow or another label (issue 21, 8).
 */
class DiagramLayoutTest {

  record Box(double x, double y, double w, double h) {
    boolean overlaps(Box o) {
      return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
    }

    boolean contains(Box o) {
      return o.x >= x && o.y >= y && o.x + o.w <= x + w && o.y + o.h <= y + h;
    }

    Box shrunk(double by) {
      return new Box(x + by, y + by, w - 2 * by, h - 2 * by);
    }
  }

  record Point(double x, double y) {}

  record Segment(Point a, Point b) {
    /** The segment as a box one unit thick, so that touching counts. */
    Box box() {
      return new Box(Math.min(a.x, b.x) - 0.5, Math.min(a.y, b.y) - 0.5, Math.abs(b.x - a.x) + 1, Math.abs(b.y - a.y) + 1);
    }

    boolean meets(Segment o) {
      return box().overlaps(o.box());
    }
  }

  static Stream<Path> diagrams() throws IOException {
    return Files.list(Path.of("processes")).filter(p -> p.toString().endsWith(".bpmn")).sorted();
  }

  @ParameterizedTest
  @MethodSource("diagrams")
  void isReadable(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    Map<String, Box> shapes = new LinkedHashMap<>();
    Map<String, Box> labels = new LinkedHashMap<>();
    Set<String> containers = new HashSet<>();
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      String id = shape.getBpmnElement().getId();
      shapes.put(id, box(shape.getBounds()));
      if (Boolean.TRUE.equals(shape.isExpanded())) {
        containers.add(id);
      }
      if (shape.getBpmnLabel() != null && shape.getBpmnLabel().getBounds() != null) {
        labels.put(id, box(shape.getBpmnLabel().getBounds()));
      }
    }
    Map<String, List<Point>> edges = new LinkedHashMap<>();
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      List<Point> points = new ArrayList<>();
      for (Waypoint waypoint : edge.getWaypoints()) {
        points.add(new Point(waypoint.getX(), waypoint.getY()));
      }
      edges.put(edge.getBpmnElement().getId(), points);
      if (edge.getBpmnLabel() != null && edge.getBpmnLabel().getBounds() != null) {
        labels.put(edge.getBpmnElement().getId(), box(edge.getBpmnLabel().getBounds()));
      }
    }
    Map<String, String> attachedTo = new HashMap<>();
    model.getModelElementsByType(BoundaryEvent.class).forEach(b -> attachedTo.put(b.getId(), b.getAttachedTo().getId()));
    Map<String, SequenceFlow> flows = new HashMap<>();
    model.getModelElementsByType(SequenceFlow.class).forEach(f -> flows.put(f.getId(), f));

    List<String> problems = new ArrayList<>();
    model.getModelElementsByType(FlowNode.class).stream().map(BaseElement::getId).filter(id -> !shapes.containsKey(id))
        .forEach(id -> problems.add("not drawn: " + id));
    flows.keySet().stream().filter(id -> !edges.containsKey(id)).forEach(id -> problems.add("not drawn: " + id));

    List<String> ids = new ArrayList<>(shapes.keySet());
    for (int i = 0; i < ids.size(); i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        String a = ids.get(i);
        String b = ids.get(j);
        Box x = shapes.get(a);
        Box y = shapes.get(b);
        if (x.overlaps(y) && !b.equals(attachedTo.get(a)) && !a.equals(attachedTo.get(b)) && !x.contains(y) && !y.contains(x)) {
          problems.add("shapes overlap: " + a + ", " + b);
        }
      }
    }
    List<String> edgeIds = new ArrayList<>(edges.keySet());
    for (int i = 0; i < edgeIds.size(); i++) {
      for (int j = i + 1; j < edgeIds.size(); j++) {
        List<Point> e = edges.get(edgeIds.get(i));
        List<Point> f = edges.get(edgeIds.get(j));
        Set<Point> sharedEnds = new HashSet<>(List.of(e.get(0), e.get(e.size() - 1)));
        sharedEnds.retainAll(Set.of(f.get(0), f.get(f.size() - 1)));
        for (Segment s : segments(e)) {
          for (Segment t : segments(f)) {
            if (s.meets(t) && !sharesAnEnd(s, t, sharedEnds)) {
              problems.add("flows cross or overlap: " + edgeIds.get(i) + ", " + edgeIds.get(j));
            }
          }
        }
      }
    }
    edges.forEach((flow, points) -> {
      SequenceFlow sequenceFlow = flows.get(flow);
      String source = sequenceFlow.getSource().getId();
      String target = sequenceFlow.getTarget().getId();
      shapes.forEach((id, box) -> {
        boolean own = id.equals(source) || id.equals(target) || id.equals(attachedTo.get(source)) || containers.contains(id);
        if (!own && segments(points).stream().anyMatch(s -> s.box().overlaps(box.shrunk(1)))) {
          problems.add("flow " + flow + " runs through " + id);
        }
      });
    });
    List<String> labelled = new ArrayList<>(labels.keySet());
    for (int i = 0; i < labelled.size(); i++) {
      String owner = labelled.get(i);
      Box label = labels.get(owner);
      for (int j = i + 1; j < labelled.size(); j++) {
        if (label.overlaps(labels.get(labelled.get(j)))) {
          problems.add("labels collide: " + owner + ", " + labelled.get(j));
        }
      }
      shapes.forEach((id, box) -> {
        if (!id.equals(owner) && !containers.contains(id) && label.overlaps(box)) {
          problems.add("label of " + owner + " covers " + id);
        }
      });
      edges.forEach((flow, points) -> {
        if (!flow.equals(owner) && segments(points).stream().anyMatch(s -> s.box().overlaps(label))) {
          problems.add("label of " + owner + " covers flow " + flow);
        }
      });
    }
    assertThat(problems).as(file.toString()).isEmpty();
  }

  /** Two flows into or out of the same point meet there, and only there. */
  private static boolean sharesAnEnd(Segment s, Segment t, Set<Point> sharedEnds) {
    for (Point end : sharedEnds) {
      boolean sEnds = s.a.equals(end) || s.b.equals(end);
      boolean tEnds = t.a.equals(end) || t.b.equals(end);
      if (sEnds && tEnds) {
        return true;
      }
    }
    return false;
  }

  private static List<Segment> segments(List<Point> points) {
    List<Segment> segments = new ArrayList<>();
    for (int i = 1; i < points.size(); i++) {
      segments.add(new Segment(points.get(i - 1), points.get(i)));
    }
    return segments;
  }

  private static Box box(Bounds bounds) {
    return new Box(bounds.getX(), bounds.getY(), bounds.getWidth(), bounds.getHeight());
  }
}
