// Draws each process instance of the case with bpmn-js (served from the webjar) and marks the
// elements the case passed and where it stands now. Data: GET /cases/{reference}/diagrams.
(function () {
  'use strict';

  function mark(viewer, diagram) {
    var canvas = viewer.get('canvas');
    var registry = viewer.get('elementRegistry');
    var passed = new Set(diagram.passed);
    var current = new Set(diagram.current);
    registry.forEach(function (element) {
      if (current.has(element.id)) {
        canvas.addMarker(element.id, 'case-current');
      } else if (passed.has(element.id)) {
        canvas.addMarker(element.id, 'case-passed');
      }
    });
    // history records activities, not flows: a flow between two reached elements was taken
    registry.filter(function (element) {
      return element.type === 'bpmn:SequenceFlow' && element.source && element.target;
    }).forEach(function (flow) {
      var from = flow.source.id;
      var to = flow.target.id;
      if (passed.has(from) && (passed.has(to) || current.has(to))) {
        canvas.addMarker(flow.id, 'case-passed');
      }
    });
  }

  function draw(diagram, container) {
    var viewer = new window.BpmnJS({ container: container });
    return viewer.importXML(diagram.xml).then(function () {
      viewer.get('canvas').zoom('fit-viewport');
      mark(viewer, diagram);
      container.setAttribute('data-rendered', 'true');
    }).catch(function (error) {
      container.textContent = 'The diagram could not be drawn: ' + error.message;
      container.classList.add('diagram-error');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var diagrams = document.getElementById('diagrams');
    if (!diagrams || !window.BpmnJS) {
      return;
    }
    fetch(diagrams.getAttribute('data-diagrams-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (list) {
        return Promise.all(list.map(function (diagram) {
          var article = diagrams.querySelector('article.process[data-instance="' + CSS.escape(diagram.id) + '"]');
          return article ? draw(diagram, article.querySelector('.canvas')) : null;
        }));
      })
      .then(function () {
        diagrams.setAttribute('data-rendered', 'true');
      })
      .catch(function (error) {
        diagrams.insertAdjacentText('afterbegin', 'The diagrams could not be loaded: ' + error.message);
      });
  });
})();
