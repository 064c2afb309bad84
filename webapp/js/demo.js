/*
 * The comment-reply demo (seed 004's client.php, grown up): a page-local comment thread whose replies alert
 * the person replied to through Tidings. Every URL is relative to this page, so it works under any context
 * path. window.demo exposes the client for tests and the curious.
 */
(function () {
  'use strict';

  var SEED_COMMENTS = [
    { author: '101', text: 'How long may a tab stay silent before the server drops it?', minutesAgo: 42 },
    { author: '100', text: '125 seconds by default (TIDINGS_HEARTBEAT_IDLE). tidings.js pings every 30 s, so an open tab never gets there.', minutesAgo: 37 },
    { author: '102', text: 'And when the server restarts? Do I have to reload?', minutesAgo: 12 }
  ];
  var LOG_LIMIT = 60;
  var TOAST_MS = 12000;

  var $ = function (id) { return document.getElementById(id); };
  var params = new URLSearchParams(location.search);
  var me = params.get('uid') || uidOfJwt(params.get('token'));
  var unread = 0;
  var shown = {};
  var welcomeTop = 0;
  var pending = {};
  var nextRid = 1;
  var client = null;
  var baseTitle = document.title;

  window.demo = { client: null, log: log };

  renderThread();
  $('mark-read').addEventListener('click', markAllRead);
  $('inbox-link').addEventListener('click', markAllRead);
  $('use-here').addEventListener('click', function () { client.start(); });
  $('signin-form').addEventListener('submit', signIn);
  $('signin-dev').addEventListener('click', devToken);

  if (params.get('token')) {
    connect(me, params.get('token'));
  } else {
    $('signin').hidden = false;
    $('signin-uid').value = params.get('uid') || '';
  }

  function connect(uid, token) {
    me = uid;
    $('me').textContent = uid ? 'uid ' + uid : 'unknown uid';
    client = Tidings.connect({ uid: params.get('uid') || null, token: token });
    window.demo.client = client;
    client.onStatus(showStatus);
    client.on('alertTip', function (frame) { notify(frame, true); });
    client.on('ack', acknowledged);
    // The server's inbox: where this user stands (the badge), and what arrived before this page (the list).
    client.on('welcome', function (frame) {
      if (frame.error) {
        log('inbox: ' + frame.error); // no position and no count this time: the badge stays as it is
        return;
      }
      welcomeTop = frame.seq || 0;
      setUnread(frame.unread);
      client.send('history', { limit: 20 });
    });
    client.on('history', function (frame) {
      (frame.messages || []).forEach(function (message, index) {
        notify(message, false, frame.messages.length - index <= unread);
      });
    });
    client.on('unread', function (frame) { setUnread(frame.count); });
    client.on('*', function (frame) {
      if (['alertTip', 'ack', 'pong', 'welcome', 'history', 'unread', 'resumed'].indexOf(frame.event) < 0) {
        notify(frame, true); // anything a backend pushes through /api/push, whatever its shape
      }
    });
  }

  /*
   * What a notification says: a reply's sender and text, or a push's event and its data's text. An alertTip a
   * backend (or the console) pushes has no sender: its text is in its data, like any other push's.
   */
  function describeFrame(frame) {
    if (frame.event === 'alertTip' && frame.from !== undefined) {
      return { title: 'New reply from uid ' + frame.from, message: frame.msg };
    }
    var data = frame.data || frame;
    return { title: 'Event "' + frame.event + '"',
      message: data.msg || data.message || data.text || JSON.stringify(data) };
  }

  /* ---- connection status ---- */

  function showStatus(s) {
    var text = {
      idle: 'Not connected',
      connecting: s.attempt ? 'Connecting (attempt ' + (s.attempt + 1) + ')…' : 'Connecting…',
      online: 'Online',
      reconnecting: 'Connection lost (' + describe(s) + '), retrying in ' + Math.ceil(s.delay / 1000) + ' s',
      replaced: 'Replaced by another tab: alerts now go there',
      rejected: 'Rejected: ' + describe(s),
      offline: 'Offline' + (s.reason ? ': ' + s.reason : '')
    }[s.status] || s.status;
    var status = $('status');
    status.textContent = text;
    status.setAttribute('data-status', s.status);
    $('use-here').hidden = s.status !== 'replaced';
    if (s.status !== 'idle') {
      log(text);
    }
  }

  function describe(s) {
    return (s.reason || 'no reason given') + (s.code ? ', code ' + s.code : '');
  }

  /* ---- sign-in without a token in the URL ---- */

  function signIn(event) {
    event.preventDefault();
    var uid = $('signin-uid').value.trim();
    var token = $('signin-token').value.trim();
    if (!token) {
      $('signin-message').textContent = 'Enter a token, or get a dev test token.';
      return;
    }
    start(uid, token);
  }

  function devToken() {
    var uid = $('signin-uid').value.trim();
    if (!$('signin-uid').checkValidity() || !uid) {
      $('signin-message').textContent = 'Enter a user id first (letters, digits, _ . : @ -).';
      return;
    }
    fetch('dev/token?uid=' + encodeURIComponent(uid), { cache: 'no-store' })
      .then(function (response) {
        if (response.status === 404) {
          throw new Error('This server is not in dev mode, so it hands out no test tokens.');
        }
        return response.json().then(function (body) {
          if (!response.ok) {
            throw new Error(body.error || 'HTTP ' + response.status);
          }
          return body;
        });
      })
      .then(function (body) { start(body.uid, body.token); })
      .catch(function (error) { $('signin-message').textContent = error.message; });
  }

  function start(uid, token) {
    $('signin').hidden = true;
    params.set('uid', uid);
    params.set('token', token);
    // So a reload, or the same URL in a second tab, signs in the same way.
    history.replaceState(null, '', '?' + params.toString());
    connect(uid, token);
  }

  /* ---- the thread ---- */

  function renderThread() {
    SEED_COMMENTS.forEach(function (seed, index) {
      $('thread').appendChild(commentElement('c' + index, seed.author, seed.text,
        new Date(Date.now() - seed.minutesAgo * 60000)));
    });
  }

  function commentElement(id, author, text, when) {
    var node = $('comment-template').content.firstElementChild.cloneNode(true);
    node.id = id;
    node.setAttribute('data-author', author);
    node.querySelector('.avatar').textContent = author.slice(-3);
    node.querySelector('.author').textContent = 'uid ' + author;
    node.querySelector('.when').textContent = timeOf(when);
    node.querySelector('.text').textContent = text;
    var form = node.querySelector('.reply-form');
    var toggle = node.querySelector('.reply-toggle');
    labelFor(form.querySelector('.reply-label'), form.querySelector('.reply-text'), id + '-text');
    labelFor(form.querySelector('.alert-label'), form.querySelector('.reply-to'), id + '-to');
    toggle.setAttribute('aria-label', 'Reply to uid ' + author);
    toggle.addEventListener('click', function () {
      form.hidden = !form.hidden;
      toggle.setAttribute('aria-expanded', String(!form.hidden));
      if (!form.hidden) {
        form.querySelector('.reply-to').value = author;
        form.querySelector('.reply-text').focus();
      }
    });
    form.querySelector('.reply-cancel').addEventListener('click', function () { toggle.click(); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      reply(node, form);
    });
    return node;
  }

  function labelFor(label, control, id) {
    control.id = id;
    label.setAttribute('for', id);
  }

  function reply(comment, form) {
    var text = form.querySelector('.reply-text').value.trim();
    var toUid = form.querySelector('.reply-to').value.trim();
    if (!text) {
      return;
    }
    var item = document.createElement('li');
    item.className = 'reply';
    var meta = document.createElement('p');
    meta.className = 'meta';
    meta.innerHTML = '<strong></strong> <span class="when"></span> <span class="delivery" role="status"></span>';
    meta.querySelector('strong').textContent = 'uid ' + (me || '?');
    meta.querySelector('.when').textContent = timeOf(new Date());
    var body = document.createElement('p');
    body.className = 'text';
    body.textContent = text;
    item.appendChild(meta);
    item.appendChild(body);
    comment.querySelector('.replies').appendChild(item);
    var delivery = meta.querySelector('.delivery');
    var rid = nextRid++;
    if (client && client.send('alertTip', { toUid: toUid, content: text, rid: rid })) {
      pending[rid] = { delivery: delivery, toUid: toUid };
      delivery.textContent = 'alerting uid ' + toUid + '…';
      log('sent alertTip to uid ' + toUid);
    } else {
      delivery.textContent = 'not connected: uid ' + toUid + ' was not alerted';
    }
    form.querySelector('.reply-text').value = '';
    comment.querySelector('.reply-toggle').click();
  }

  function acknowledged(frame) {
    var request = pending[frame.rid];
    if (!request) {
      return;
    }
    delete pending[frame.rid];
    var text = frame.delivered > 0
      ? 'uid ' + request.toUid + ' alerted in ' + frame.delivered + (frame.delivered === 1 ? ' tab' : ' tabs')
      : 'uid ' + request.toUid + ' is not online: nobody was alerted';
    request.delivery.textContent = text;
    request.delivery.setAttribute('data-delivered', String(frame.delivered));
    log(text);
  }

  /* ---- notifications: toast, inbox, badge ---- */

  /*
   * One notification into the list, once per message id (the history after a reload and a replay may both
   * bring it), newest first. A live one also raises a toast and the badge; one from the history is shown as
   * read or unread as the server counted it.
   */
  function notify(frame, live, unreadFromHistory) {
    if (frame.id && shown[frame.id]) {
      return;
    }
    if (frame.id) {
      shown[frame.id] = true;
    }
    var text = describeFrame(frame);
    var title = text.title;
    var message = text.message;
    var when = frame.ts ? new Date(frame.ts) : new Date();
    var entry = document.createElement('li');
    entry.className = live || unreadFromHistory ? 'unread' : '';
    entry.setAttribute('data-seq', String(frame.seq || 0));
    entry.innerHTML = '<strong></strong><p></p><span class="when"></span>';
    entry.querySelector('strong').textContent = title;
    entry.querySelector('p').textContent = message;
    entry.querySelector('.when').textContent = timeOf(when);
    var list = $('notifications');
    var after = Array.prototype.find.call(list.children, function (item) {
      return Number(item.getAttribute('data-seq')) < (frame.seq || Infinity);
    });
    list.insertBefore(entry, after || null);
    $('inbox-empty').hidden = true;
    if (live) {
      if (!(frame.seq <= welcomeTop)) {
        setUnread(unread + 1); // a replayed one is in the welcome's count already
      }
      toast(title, message);
      log('received ' + frame.event + (frame.from ? ' from uid ' + frame.from : ''));
    }
  }

  function toast(title, message) {
    var node = document.createElement('div');
    node.className = 'toast';
    node.innerHTML = '<strong></strong><p></p><button type="button" class="dismiss" aria-label="Dismiss">×</button>';
    node.querySelector('strong').textContent = title;
    node.querySelector('p').textContent = message;
    var remove = function () { node.remove(); };
    node.querySelector('.dismiss').addEventListener('click', remove);
    setTimeout(remove, TOAST_MS);
    $('toasts').appendChild(node);
  }

  function setUnread(count) {
    unread = count;
    $('badge-count').textContent = String(count);
    $('badge').hidden = count === 0;
    document.title = (count ? '(' + count + ') ' : '') + baseTitle;
  }

  function markAllRead() {
    setUnread(0);
    if (client) {
      client.read(); // the server tells every tab of this user (and the next page load) the new count
    }
    Array.prototype.forEach.call(document.querySelectorAll('#notifications .unread'), function (item) {
      item.classList.remove('unread');
    });
  }

  /* ---- helpers ---- */

  function log(text) {
    var item = document.createElement('li');
    item.textContent = timeOf(new Date()) + '  ' + text;
    var list = $('log');
    list.insertBefore(item, list.firstChild);
    while (list.children.length > LOG_LIMIT) {
      list.removeChild(list.lastChild);
    }
  }

  function timeOf(date) {
    return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  /* Display only: the server verifies the token; the page just wants to say who it thinks you are. */
  function uidOfJwt(token) {
    try {
      var payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload)).sub || null;
    } catch (error) {
      return null;
    }
  }
}());
