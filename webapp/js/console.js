/*
 * The operator console: live session count (polling healthz), a log of what it saw, and a test push through
 * the backend API. The API key is read from its field at the moment of sending and kept nowhere else: no
 * storage, no cookie, no URL. Every URL is relative to this page, so it works under any context path.
 */
(function () {
  'use strict';

  var EVENT_LIMIT = 50;
  var params = new URLSearchParams(location.search);
  var pollMs = Math.max(500, Number(params.get('every')) || 2000);
  var lastCount = null;
  var $ = function (id) { return document.getElementById(id); };

  $('poll-seconds').textContent = String(pollMs / 1000);
  $('push-form').addEventListener('submit', push);
  poll();
  setInterval(poll, pollMs);

  function poll() {
    fetch('healthz', { cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('healthz answered HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (health) {
        $('poll-state').textContent = '';
        if (health.sessions !== lastCount) {
          event(lastCount === null ? 'live sessions: ' + health.sessions
            : 'live sessions: ' + lastCount + ' → ' + health.sessions);
          lastCount = health.sessions;
          $('session-count').textContent = String(health.sessions);
        }
      })
      .catch(function (error) {
        var text = 'server unreachable (' + error.message + ')';
        if ($('poll-state').textContent !== text) {
          $('poll-state').textContent = text;
          event(text, true);
        }
      });
  }

  function push(submit) {
    submit.preventDefault();
    var uid = $('push-uid').value.trim();
    var name = $('push-event').value.trim();
    var data;
    try {
      data = JSON.parse($('push-data').value || '{}');
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new Error('it must be a JSON object');
      }
    } catch (error) {
      result('Data is not valid: ' + error.message, true);
      return;
    }
    result('Pushing…');
    fetch('api/push', {
      method: 'POST',
      cache: 'no-store',
      credentials: 'omit',
      headers: { 'Authorization': 'Bearer ' + $('push-key').value, 'Content-Type': 'application/json' },
      body: JSON.stringify({ uid: uid, event: name, data: data })
    }).then(function (response) {
      return response.text().then(function (text) {
        var body = parse(text);
        if ((response.status === 404 || response.status === 405) && !body.error) {
          // Not an answer of the API (which always says why in JSON) but of the static file handler.
          throw new Error('this server has no push API (api/push not found)');
        }
        if (!response.ok) {
          throw new Error('HTTP ' + response.status + (body.error ? ': ' + body.error : ''));
        }
        var summary = 'pushed "' + name + '" to uid ' + uid + ': delivered to ' + body.delivered
          + (body.delivered === 1 ? ' session' : ' sessions');
        result(summary);
        event(summary);
      });
    }).catch(function (error) {
      result('Push failed: ' + error.message, true);
      event('push to uid ' + uid + ' failed: ' + error.message, true);
    });
  }

  function parse(text) {
    try {
      return JSON.parse(text) || {};
    } catch (error) {
      return {};
    }
  }

  function result(text, isError) {
    $('push-result').textContent = text;
    $('push-result').className = isError ? 'error' : '';
  }

  function event(text, isError) {
    var item = document.createElement('li');
    item.textContent = new Date().toLocaleTimeString() + '  ' + text;
    if (isError) {
      item.className = 'error';
    }
    var list = $('events');
    list.insertBefore(item, list.firstChild);
    while (list.children.length > EVENT_LIMIT) {
      list.removeChild(list.lastChild);
    }
  }
}());
