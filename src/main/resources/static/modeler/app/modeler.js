/*
 * Peerflow's web modeler: lists the deployed models, opens one in its editor (camunda-bpmn-js for
 * BPMN, dmn-js for DMN, form-js for forms), checks it on the server without deploying, deploys it
 * with its forms and decision tables, and shows its history with diffs and restore.
 * The server decides what is checked and where a model is deployed; this page only edits.
 */
(function () {
  'use strict';

  var API = '/modeler/api';
  var state = { model: null, editor: null, type: null, findings: [] };
  // read by the browser test, and handy in the browser console
  window.peerflowModeler = state;

  function $(id) { return document.getElementById(id); }

  function call(method, path, body) {
    var options = {
      method: method,
      credentials: 'same-origin',
      // the API answers only requests that carry this header (no cross-site requests: see ModelerAccess)
      headers: { 'X-Peerflow-Modeler': '1' }
    };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'text/plain;charset=UTF-8';
      options.body = body;
    }
    return fetch(API + path, options).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      var read = type.indexOf('json') >= 0 ? response.json() : response.text();
      return read.then(function (content) {
        if (!response.ok && response.status !== 422) {
          var message = content && content.message ? content.message : (content && content.error) || content;
          throw new Error(response.status + ' ' + message);
        }
        return { status: response.status, content: content };
      });
    });
  }

  function status(text, kind) {
    var element = $('status');
    element.textContent = text;
    element.className = kind || '';
  }

  function modelPath(model) {
    return '/models/' + model.type + '/' + encodeURIComponent(model.key);
  }

  // --- the list of deployed models --------------------------------------------------------------

  var TYPE_NAMES = { bpmn: 'Processes', dmn: 'Decision tables', form: 'Forms' };

  function loadModels() {
    return call('GET', '/models').then(function (answer) {
      var container = $('models');
      container.textContent = '';
      ['bpmn', 'dmn', 'form'].forEach(function (type) {
        var heading = document.createElement('h3');
        heading.textContent = TYPE_NAMES[type];
        var list = document.createElement('ul');
        answer.content.filter(function (m) { return m.type === type; }).forEach(function (model) {
          var item = document.createElement('li');
          var button = document.createElement('button');
          button.type = 'button';
          button.dataset.key = model.key;
          button.dataset.type = type;
          button.textContent = (model.name || model.key) + ' (v' + model.version + ')';
          button.title = model.key + ' — ' + model.resourceName;
          button.addEventListener('click', function () { open(model); });
          item.appendChild(button);
          list.appendChild(item);
        });
        container.appendChild(heading);
        container.appendChild(list);
      });
    }).catch(function (error) { status('Cannot list the models: ' + error.message, 'refused'); });
  }

  // --- opening a model in its editor ------------------------------------------------------------

  function destroyEditor() {
    if (state.editor && state.editor.destroy) {
      state.editor.destroy();
    }
    state.editor = null;
    $('canvas').textContent = '';
    $('properties').textContent = '';
  }

  function open(model) {
    return call('GET', modelPath(model) + '/versions/' + model.version + '/content').then(function (answer) {
      destroyEditor();
      state.model = model;
      state.type = model.type;
      showFindings([]);
      $('history-panel').hidden = true;
      document.querySelectorAll('nav li button').forEach(function (b) {
        b.setAttribute('aria-current', String(b.dataset.key === model.key && b.dataset.type === model.type));
      });
      $('model-title').textContent = (model.name || model.key) + ' — version ' + model.version + ' (' + model.resourceName + ')';
      return createEditor(model.type, answer.content);
    }).then(function () {
      ['check', 'deploy', 'history'].forEach(function (id) { $(id).disabled = false; });
      status('Opened ' + state.model.key + ' version ' + state.model.version + '.', '');
      document.body.dataset.opened = state.model.key;
    }).catch(function (error) { status('Cannot open ' + model.key + ': ' + error.message, 'refused'); });
  }

  function createEditor(type, content) {
    if (type === 'bpmn') {
      state.editor = new window.BpmnModeler({ container: '#canvas', propertiesPanel: { parent: '#properties' } });
      return state.editor.importXML(content).then(function () {
        state.editor.get('canvas').zoom('fit-viewport');
      });
    }
    if (type === 'dmn') {
      state.editor = new window.DmnJS({ container: '#canvas' });
      return state.editor.importXML(content);
    }
    state.editor = new window.FormEditor.FormEditor({ container: document.getElementById('canvas') });
    return state.editor.importSchema(JSON.parse(content));
  }

  function currentContent() {
    if (state.type === 'form') {
      return Promise.resolve(JSON.stringify(state.editor.saveSchema(), null, 2));
    }
    return state.editor.saveXML({ format: true }).then(function (result) { return result.xml; });
  }

  // --- findings on the diagram ------------------------------------------------------------------

  function showFindings(findings) {
    var previous = state.findings;
    state.findings = findings;
    if (state.type === 'bpmn' && state.editor) {
      var overlays = state.editor.get('overlays');
      var canvas = state.editor.get('canvas');
      var registry = state.editor.get('elementRegistry');
      overlays.remove({ type: 'peerflow-finding' });
      previous.forEach(function (f) {
        if (f.elementId && registry.get(f.elementId)) { canvas.removeMarker(f.elementId, 'peerflow-has-finding'); }
      });
      var counts = {};
      findings.forEach(function (f) {
        if (f.elementId && registry.get(f.elementId)) { counts[f.elementId] = (counts[f.elementId] || []).concat(f); }
      });
      Object.keys(counts).forEach(function (id) {
        var badge = document.createElement('div');
        badge.className = 'peerflow-finding';
        badge.textContent = String(counts[id].length);
        badge.title = counts[id].map(function (f) { return f.rule + ': ' + f.message; }).join('\n');
        badge.setAttribute('role', 'img');
        badge.setAttribute('aria-label', counts[id].length + ' finding(s) on ' + id);
        overlays.add(id, 'peerflow-finding', { position: { top: -9, right: 9 }, html: badge });
        canvas.addMarker(id, 'peerflow-has-finding');
      });
    }
    var list = $('findings');
    list.textContent = '';
    findings.forEach(function (f) {
      var item = document.createElement('li');
      item.dataset.elementId = f.elementId || '';
      item.dataset.rule = f.rule;
      var rule = document.createElement('span');
      rule.className = 'rule';
      rule.textContent = f.rule;
      item.appendChild(rule);
      if (f.elementId && state.type === 'bpmn' && state.editor.get('elementRegistry').get(f.elementId)) {
        var link = document.createElement('button');
        link.type = 'button';
        link.textContent = f.elementId;
        link.addEventListener('click', function () {
          var element = state.editor.get('elementRegistry').get(f.elementId);
          state.editor.get('selection').select(element);
          state.editor.get('canvas').zoom(1);
          state.editor.get('canvas').scrollToElement(element);
        });
        item.appendChild(link);
        item.appendChild(document.createTextNode(' '));
      }
      item.appendChild(document.createTextNode(f.message + (f.resource ? ' (' + f.resource + ')' : '')));
      list.appendChild(item);
    });
    $('findings-panel').hidden = findings.length === 0;
  }

  // --- check, deploy, history, restore ----------------------------------------------------------

  // bpmnlint (recommended + Camunda 7.24 compatibility, lint/.bpmnlintrc) runs here in the browser, from
  // the jar; its findings are advice shown like the server's, and only the server's refuse a deployment
  function lintFindings() {
    if (state.type !== 'bpmn' || !window.PeerflowLint) {
      return Promise.resolve([]);
    }
    return window.PeerflowLint.lint(state.editor.getDefinitions()).then(function (results) {
      var findings = [];
      Object.keys(results).forEach(function (rule) {
        results[rule].forEach(function (report) {
          findings.push({ elementId: report.id || null, rule: 'bpmnlint/' + rule, message: report.message, advisory: true });
        });
      });
      return findings;
    });
  }

  function check() {
    status('Checking ' + state.model.key + ' with every rule a deployment must pass…', '');
    return currentContent().then(function (content) {
      return Promise.all([call('POST', modelPath(state.model) + '/check', content), lintFindings()]);
    }).then(function (answers) {
      var refusals = answers[0].content.findings;
      var advice = answers[1];
      showFindings(refusals.concat(advice));
      var lint = advice.length ? ' bpmnlint: ' + advice.length + ' finding(s).' : '';
      if (refusals.length) {
        status('Check: ' + refusals.length + ' finding(s); a deployment would be refused.' + lint, 'refused');
      } else {
        status('Check passed: ' + answers[0].content.resources.join(', ') + ' would be accepted.' + lint, 'ok');
      }
      document.body.dataset.checked = String(Date.now());
    }).catch(function (error) { status('Check failed: ' + error.message, 'refused'); });
  }

  // where files are the source of truth, the server also wrote the deployed models into the folders
  function filesWritten(content) {
    if (content.fileError) {
      return '; the model folders could not be updated: ' + content.fileError;
    }
    return content.files && content.files.length ? '; written to ' + content.files.join(', ') : '';
  }

  function deployed(answer, what) {
    showFindings(answer.content.findings);
    if (answer.status === 422) {
      status(what + ' refused: ' + answer.content.findings.length + ' finding(s). Nothing was deployed.', 'refused');
      return null;
    }
    var version = answer.content.version;
    status(what + ': ' + version.key + ' version ' + version.version + ' is live (deployed with '
      + answer.content.resources.join(', ') + ')' + filesWritten(answer.content) + '.', 'ok');
    return loadModels().then(function () { return open(version); }).then(function () {
      document.body.dataset.deployedVersion = String(version.version);
    });
  }

  function deploy() {
    status('Deploying ' + state.model.key + '…', '');
    return currentContent().then(function (content) {
      return call('POST', modelPath(state.model) + '/deploy', content);
    }).then(function (answer) { return deployed(answer, 'Deploy'); })
      .catch(function (error) { status('Deploy failed: ' + error.message, 'refused'); });
  }

  function history() {
    return call('GET', modelPath(state.model) + '/versions').then(function (answer) {
      var body = $('versions').querySelector('tbody');
      body.textContent = '';
      answer.content.forEach(function (version) {
        var row = document.createElement('tr');
        row.dataset.version = version.version;
        [String(version.version), new Date(version.deployedAt).toLocaleString(), version.deployedBy || '—',
          (version.deploymentName || '') + ' (' + (version.source || 'no source') + ')'].forEach(function (text) {
          var cell = document.createElement('td');
          cell.textContent = text;
          row.appendChild(cell);
        });
        var actions = document.createElement('td');
        actions.appendChild(button('Diff', 'diff', function () { diff(version); }));
        if (version.version !== state.model.version) {
          actions.appendChild(button('Restore this version', 'restore', function () { restore(version); }));
        }
        row.appendChild(actions);
        body.appendChild(row);
      });
      $('diff').hidden = true;
      $('history-panel').hidden = false;
    }).catch(function (error) { status('Cannot read the history: ' + error.message, 'refused'); });
  }

  function button(text, className, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = className;
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  }

  function diff(version) {
    return call('GET', modelPath(state.model) + '/versions/' + version.version + '/diff').then(function (answer) {
      $('diff').textContent = answer.content.trim() ? answer.content : 'No changes against the previous version.';
      $('diff').hidden = false;
    });
  }

  function restore(version) {
    status('Restoring ' + state.model.key + ' version ' + version.version + '…', '');
    return call('POST', modelPath(state.model) + '/versions/' + version.version + '/restore')
      .then(function (answer) { return deployed(answer, 'Restore of version ' + version.version); })
      .catch(function (error) { status('Restore failed: ' + error.message, 'refused'); });
  }

  $('check').addEventListener('click', check);
  $('deploy').addEventListener('click', deploy);
  $('history').addEventListener('click', history);
  loadModels().then(function () { document.body.dataset.ready = 'true'; });
})();
