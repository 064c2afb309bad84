/*
 * The chat page: workerman-chat's protocol on Tidings' /chat endpoint, authenticated (?uid=&token=). Rooms, the
 * member list, messages to the room or to one member, private messages to a user, and a reconnect that resumes
 * where the room's stream was left (login with since/epoch: what was missed is replayed, nothing twice).
 * Text from the wire is only ever set as textContent: the server escapes content as workerman-chat does (for
 * clients that insert it as HTML), and this page turns those entities back into the text that was typed.
 * Every URL is relative to this page, so it works under any context path.
 */
(function () {
  'use strict';

  /* Closes after which reconnecting would only be refused again (README, "Close codes"). */
  var FINAL = [1002, 1009, 4001, 4002, 4003, 4004, 4006];
  var MAX_DELAY_MS = 30000;
  var LOG_LIMIT = 60;
  var MESSAGE_LIMIT = 500;

  var $ = function (id) { return document.getElementById(id); };
  var params = new URLSearchParams(location.search);
  var uid = params.get('uid');
  var token = params.get('token');
  var room = params.get('room') || '1';
  var name = params.get('name') || '';
  var socket = null;
  var attempt = 0;
  var myClientId = null;
  var members = {};
  /* Per room: the highest seq shown and its epoch, so a reconnect resumes and a replay never shows twice. */
  var positions = {};

  window.chat = { positions: positions };

  var signIn = TidingsSignIn(params, start);
  $('enter-form').addEventListener('submit', enter);
  $('say-form').addEventListener('submit', say);
  $('pm-form').addEventListener('submit', privateMessage);
  $('text').addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('say-form').requestSubmit();
    }
  });
  $('room').value = room;
  $('name').value = name || uid || '';

  if (token) {
    start(uid, token);
  } else {
    signIn.show();
  }

  /* ---- the connection ---- */

  function start(who, secret) {
    uid = who;
    token = secret;
    $('me').textContent = 'uid ' + uid;
    if (!$('name').value) {
      $('name').value = uid;
    }
    connect();
  }

  function connect() {
    var url = new URL('chat', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = '?uid=' + encodeURIComponent(uid) + '&token=' + encodeURIComponent(token);
    status('connecting', attempt ? 'Connecting (attempt ' + (attempt + 1) + ')…' : 'Connecting…');
    socket = new WebSocket(url.toString());
    socket.onopen = function () {
      attempt = 0;
      status('online', 'Online');
      login();
    };
    socket.onmessage = function (event) { receive(JSON.parse(event.data)); };
    socket.onclose = closed;
  }

  function closed(event) {
    socket = null;
    myClientId = null;
    var reason = (event.reason || 'connection lost') + ' (' + event.code + ')';
    if (FINAL.indexOf(event.code) >= 0) {
      status('rejected', 'Rejected: ' + reason);
      return;
    }
    var delay = Math.min(MAX_DELAY_MS, 1000 * Math.pow(2, attempt)) * (0.5 + Math.random() / 2);
    attempt++;
    status('reconnecting', 'Disconnected: ' + reason + ', retrying in ' + Math.ceil(delay / 1000) + ' s');
    setTimeout(connect, delay);
  }

  function send(frame) {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      notice('Not connected: not sent.', 'error');
      return false;
    }
    socket.send(JSON.stringify(frame));
    return true;
  }

  /* Logs in to the room; back in a room it was in, it asks for what it missed rather than the last messages. */
  function login() {
    var frame = { type: 'login', client_name: $('name').value.trim() || uid, room_id: room };
    var position = positions[room];
    if (position) {
      frame.since = position.seq;
      frame.epoch = position.epoch;
    }
    send(frame);
  }

  /* ---- what the server sends ---- */

  function receive(frame) {
    if (frame.event) {
      notice('Notice "' + frame.event + '": ' + describe(frame.data));
      return;
    }
    switch (frame.type) {
      case 'ping':
        send({ type: 'pong' });
        break;
      case 'login':
        loggedIn(frame);
        break;
      case 'say':
        said(frame);
        break;
      case 'logout':
        delete members[frame.from_client_id];
        renderMembers();
        notice(text(frame.from_client_name) + ' left the room.');
        break;
      case 'pm':
        message(frame.from === uid ? 'you → uid ' + frame.to : 'uid ' + frame.from + ' (' + text(frame.from_client_name) + ')',
          'private message', frame.content, frame.time, true);
        break;
      case 'groupPm':
        message(frame.from === uid ? 'you' : text(frame.from_client_name), 'to group ' + frame.group, frame.content,
          frame.time, true);
        break;
      case 'error':
        notice('Refused (' + frame.code + '): ' + frame.msg, 'error');
        log('error ' + frame.code + ': ' + frame.msg);
        break;
      default:
        log('unknown frame ' + frame.type);
    }
  }

  function loggedIn(frame) {
    if (!frame.client_list) {
      members[frame.client_id] = frame.client_name;
      renderMembers();
      notice(text(frame.client_name) + ' joined the room.');
      return;
    }
    myClientId = frame.client_id;
    members = frame.client_list;
    $('room-name').textContent = room;
    renderMembers();
    notice('You are in room ' + room + ' as ' + text(frame.client_name) + '.');
    log('logged in to room ' + room + ' as client ' + frame.client_id);
  }

  function said(frame) {
    if (frame.seq) {
      var position = positions[room];
      if (position && position.epoch === frame.epoch && frame.seq <= position.seq) {
        return; // shown already: a replay after a reconnect
      }
      positions[room] = { seq: frame.seq, epoch: frame.epoch };
    }
    var from = frame.from_client_id === myClientId ? 'you' : text(frame.from_client_name);
    var tag = null;
    if (frame.to_client_id !== 'all') {
      tag = frame.from_client_id === myClientId
        ? 'privately to ' + text(members[frame.to_client_id] || 'someone')
        : 'privately to you';
    }
    // a private say's content starts with Events.php's "<b>to you: </b>" or "<b>you to NAME: </b>": the tag says it
    message(from, tag, tag === null ? frame.content : frame.content.replace(/^<b>[^<]*: <\/b>/, ''), frame.time,
      tag !== null);
  }

  /* ---- rendering: textContent only ---- */

  /* The text a workerman-chat frame carries: its five entities and <br />s (the server's escaping) undone. */
  function text(html) {
    return String(html == null ? '' : html)
      .replace(/<br \/>(\r\n|\n\r|\r|\n)/g, '$1')
      .replace(/&(amp|lt|gt|quot|#039);/g, function (entity, code) {
        return { amp: '&', lt: '<', gt: '>', quot: '"', '#039': "'" }[code];
      });
  }

  function message(from, tag, content, time, isPrivate) {
    var item = document.createElement('li');
    if (isPrivate) {
      item.className = 'private';
    }
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = from;
    item.appendChild(who);
    if (tag) {
      var label = document.createElement('span');
      label.className = 'tag';
      label.textContent = tag;
      item.appendChild(label);
    }
    var when = document.createElement('span');
    when.className = 'when';
    when.textContent = time || '';
    item.appendChild(when);
    var body = document.createElement('p');
    body.className = 'content';
    body.textContent = text(content);
    item.appendChild(body);
    append(item);
  }

  function notice(line, kind) {
    var item = document.createElement('li');
    item.className = 'notice' + (kind ? ' ' + kind : '');
    item.textContent = line;
    append(item);
  }

  function append(item) {
    var list = $('messages');
    list.appendChild(item);
    while (list.children.length > MESSAGE_LIMIT) {
      list.removeChild(list.firstChild);
    }
    list.scrollTop = list.scrollHeight;
  }

  function renderMembers() {
    var list = $('members');
    var select = $('to');
    var chosen = select.value;
    list.textContent = '';
    while (select.options.length > 1) {
      select.remove(1);
    }
    Object.keys(members).forEach(function (clientId) {
      var item = document.createElement('li');
      item.textContent = text(members[clientId]);
      item.setAttribute('data-client-id', clientId);
      if (clientId === myClientId) {
        item.className = 'me';
        item.textContent += ' (you)';
      } else {
        var option = document.createElement('option');
        option.value = clientId;
        option.textContent = text(members[clientId]);
        select.appendChild(option);
      }
      list.appendChild(item);
    });
    select.value = members[chosen] ? chosen : 'all';
  }

  function describe(data) {
    if (data && (data.text || data.msg || data.message)) {
      return String(data.text || data.msg || data.message);
    }
    return JSON.stringify(data);
  }

  /* ---- what the user does ---- */

  function enter(event) {
    event.preventDefault();
    if (!$('room').checkValidity() || !$('room').value.trim()) {
      notice('A room is 1 to 59 letters, digits or _ . : @ -', 'error');
      return;
    }
    room = $('room').value.trim();
    params.set('room', room);
    history.replaceState(null, '', '?' + params.toString());
    members = {};
    renderMembers();
    $('messages').textContent = '';
    delete positions[room]; // entering anew: the room's last messages, not a resume
    login();
  }

  function say(event) {
    event.preventDefault();
    var content = $('text').value;
    if (!content.trim()) {
      return;
    }
    var to = $('to').value;
    if (send({ type: 'say', to_client_id: to, to_client_name: to === 'all' ? '' : members[to], content: content })) {
      $('text').value = '';
    }
  }

  function privateMessage(event) {
    event.preventDefault();
    if (send({ type: 'pm', to: $('pm-to').value.trim(), content: $('pm-text').value })) {
      $('pm-text').value = '';
    }
  }

  /* ---- status and log ---- */

  function status(state, line) {
    var node = $('status');
    node.textContent = line;
    node.setAttribute('data-status', state);
    log(line);
  }

  function log(line) {
    var item = document.createElement('li');
    item.textContent = new Date().toLocaleTimeString() + '  ' + line;
    var list = $('log');
    list.insertBefore(item, list.firstChild);
    while (list.children.length > LOG_LIMIT) {
      list.removeChild(list.lastChild);
    }
  }
})();
