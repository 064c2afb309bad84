/*
 * tidings.js: the browser client of Tidings. No dependencies, no build step: include it with a script tag and
 * use the global `Tidings` (or require() it where a module system exists).
 *
 *   var client = Tidings.connect({ uid: '100', token: '...' });
 *   client.onStatus(function (s) { console.log(s.status, s.reason); });
 *   client.on('alertTip', function (frame) { alert(frame.msg); });
 *   client.send('alertTip', { toUid: 101, content: 'I replied to your comment' });
 *
 * With the server's inbox the client keeps its place in the user's stream (the seq and epoch of the last
 * message it saw, in localStorage) and resumes from there on every reconnect and reload: what arrived meanwhile
 * is replayed in order, and a message seen already is never handed to the page twice.
 *
 * The wire contract (close codes, events) is in README.md, "Browser client" and "Close codes".
 */
(function (root, factory) {
  'use strict';
  var api = factory(root);
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.Tidings = api;
  }
}(typeof self !== 'undefined' ? self : this, function (root) {
  'use strict';

  /* Closes after which reconnecting would only repeat the same answer: report them, never retry. */
  var FINAL = {
    1002: 'protocol error',
    1007: 'invalid UTF-8',
    1009: 'frame too large',
    4001: 'access failed',
    4002: 'uid exists',
    4003: 'data format invalid',
    4004: 'event not exists',
    4006: 'kicked'
  };
  var REPLACED = 4002;
  var RATE_LIMITED = 4009;

  var DEFAULTS = {
    server: null,          // base URL of Tidings, e.g. 'https://push.example.com/tidings/'; default: where this file came from
    uid: null,             // optional with a JWT (the token names its uid)
    token: null,           // a string, or a function returning one (or a Promise of one) before every connect
    pingInterval: 30000,   // ms between heartbeat pings: well inside the server's idle limit (125 s by default)
    initialDelay: 500,     // ms: the first reconnect waits between half of this and this
    maxDelay: 30000,       // ms: backoff never waits longer
    rateLimitedDelay: 5000, // ms: the least wait after a 4009 "rate limited"
    stableAfter: 10000,    // ms online after which the backoff starts again from initialDelay
    resume: true,          // keep the place in the user's stream and resume from it (the server's inbox)
    storage: null          // where the place is kept across reloads: localStorage by default; false for memory only
  };
  /* Frames that speak about the stream rather than belong to it. */
  var INBOX_EVENTS = { welcome: 1, resumed: 1, history: 1, unread: 1 };

  /* Remembered while this file is being executed: the page may move it (or load it from elsewhere) later. */
  var scriptSource = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : null;

  function isFinal(code) {
    return Object.prototype.hasOwnProperty.call(FINAL, code);
  }

  /* Exponential with "equal jitter": half the ceiling is fixed, half random, so many clients spread out. */
  function backoffDelay(attempt, options, random) {
    var o = options || DEFAULTS;
    var ceiling = Math.min(o.maxDelay, o.initialDelay * Math.pow(2, Math.min(attempt, 30)));
    return Math.round(ceiling / 2 + (random || Math.random)() * ceiling / 2);
  }

  /* The WebSocket URL: {server}ws?uid=&token=[&since=&epoch=], ws: or wss: to match http: or https:. */
  function socketUrl(server, uid, token, position) {
    var base = server || scriptSource || root.location.href;
    if (server && base.charAt(base.length - 1) !== '/') {
      base += '/';
    }
    var url = new URL('ws', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = '';
    url.hash = '';
    if (uid !== null && uid !== undefined && uid !== '') {
      url.searchParams.set('uid', String(uid));
    }
    url.searchParams.set('token', token || '');
    if (position && position.epoch) {
      url.searchParams.set('since', String(position.seq));
      url.searchParams.set('epoch', position.epoch);
    }
    return url.toString();
  }

  function Client(options) {
    this.options = {};
    var key;
    for (key in DEFAULTS) {
      this.options[key] = DEFAULTS[key];
    }
    for (key in options || {}) {
      this.options[key] = options[key];
    }
    this.handlers = {};
    this.statusHandlers = [];
    this.status = 'idle';
    this.socket = null;
    this.attempt = 0;
    this.connects = 0;
    this.stopped = true;
    this.timers = {};
    this.onNetworkBack = this.retryNow.bind(this);
    this.storage = this.options.storage === false ? null : this.options.storage || defaultStorage();
    this.place = this.options.resume ? this.load() : null;
  }

  function defaultStorage() {
    try {
      return root.localStorage || null;
    } catch (error) {
      return null; // storage forbidden (a sandboxed frame): the place lives as long as the page
    }
  }

  /* Where the client stands in the user's stream: {seq, epoch}, or null before the server said. */
  Client.prototype.position = function () {
    return this.place ? { seq: this.place.seq, epoch: this.place.epoch } : null;
  };

  /* Marks the user's messages read up to a seq (default: all seen); every tab then receives {"event":"unread"}. */
  Client.prototype.read = function (upTo) {
    var seq = upTo === undefined ? this.place && this.place.seq : upTo;
    return typeof seq === 'number' && this.send('read', { upTo: seq });
  };

  /* Per server and user: with a JWT and no uid option, the user is the token's subject (read, not verified). */
  Client.prototype.storageKey = function () {
    var uid = this.options.uid;
    if (!uid && typeof this.options.token === 'string') {
      try {
        uid = JSON.parse(atob(this.options.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sub;
      } catch (error) {
        uid = '';
      }
    }
    return 'tidings.position:' + (this.options.server || scriptSource || '') + ':' + (uid || '');
  };

  Client.prototype.load = function () {
    try {
      var saved = this.storage && JSON.parse(this.storage.getItem(this.storageKey()));
      return saved && typeof saved.seq === 'number' && typeof saved.epoch === 'string' ? saved : null;
    } catch (error) {
      return null;
    }
  };

  Client.prototype.moveTo = function (seq, epoch) {
    this.place = { seq: seq, epoch: epoch };
    try {
      if (this.storage) {
        this.storage.setItem(this.storageKey(), JSON.stringify(this.place));
      }
    } catch (error) {
      // storage full or forbidden: the place still lives in memory
    }
  };

  /* False for a stored frame of the user's stream seen already; moves the place past the others. */
  Client.prototype.track = function (frame) {
    if (!this.options.resume || !frame || typeof frame.seq !== 'number' || frame.group !== undefined) {
      return true;
    }
    if (frame.event === 'welcome') {
      if (!this.place || this.place.epoch !== frame.epoch) {
        this.moveTo(frame.seq, frame.epoch);
      }
      return true;
    }
    if (frame.event === 'resumed') {
      this.moveTo(frame.seq, frame.epoch);
      return true;
    }
    if (INBOX_EVENTS[frame.event]) {
      return true;
    }
    if (this.place && this.place.epoch === frame.epoch && frame.seq <= this.place.seq) {
      return false;
    }
    this.moveTo(frame.seq, frame.epoch);
    return true;
  };

  /* Subscribes to a server event by name ('*' for every frame); returns a function that unsubscribes. */
  Client.prototype.on = function (event, handler) {
    (this.handlers[event] = this.handlers[event] || []).push(handler);
    var list = this.handlers[event];
    return function () {
      var index = list.indexOf(handler);
      if (index >= 0) {
        list.splice(index, 1);
      }
    };
  };

  /* Status changes: handler({status, code, reason, attempt, delay}); called at once with the current one. */
  Client.prototype.onStatus = function (handler) {
    this.statusHandlers.push(handler);
    handler(this.lastStatus || { status: this.status });
    return this;
  };

  /* Sends {"event": event, ...payload}. Returns false (and sends nothing) unless connected: no silent queue. */
  Client.prototype.send = function (event, payload) {
    if (!this.socket || this.socket.readyState !== 1) {
      return false;
    }
    var frame = { event: event };
    for (var key in payload || {}) {
      if (key !== 'event') {
        frame[key] = payload[key];
      }
    }
    this.socket.send(JSON.stringify(frame));
    return true;
  };

  /* Starts (or, after a final close, restarts) connecting. */
  Client.prototype.start = function () {
    this.stopped = false;
    this.attempt = 0;
    this.open();
    return this;
  };

  /* Closes for good: no reconnect until start(). */
  Client.prototype.close = function () {
    this.stopped = true;
    this.clearTimers();
    this.unwatchNetwork();
    if (this.socket) {
      this.detach(this.socket).close(1000, 'client closed');
      this.socket = null;
    }
    this.report({ status: 'offline', reason: 'closed by the page' });
  };

  /* While waiting to reconnect: try now (e.g. the network came back). */
  Client.prototype.retryNow = function () {
    if (!this.stopped && !this.socket) {
      this.open();
    }
  };

  Client.prototype.open = function () {
    var self = this;
    this.clearTimers();
    this.unwatchNetwork();
    if (this.socket) {
      // start() while connected: one socket per client, never an orphan still holding a session.
      this.detach(this.socket).close(1000, 'reconnecting');
      this.socket = null;
    }
    this.report({ status: 'connecting', attempt: this.attempt });
    var generation = ++this.connects;
    Promise.resolve(typeof this.options.token === 'function' ? this.options.token() : this.options.token)
      .then(function (token) {
        if (generation === self.connects && !self.stopped) {
          self.openSocket(token);
        }
      }, function (error) {
        self.stopped = true;
        self.report({ status: 'rejected', reason: 'no token: ' + (error && error.message || error) });
      });
  };

  Client.prototype.openSocket = function (token) {
    var self = this;
    var socket;
    try {
      socket = new WebSocket(socketUrl(this.options.server, this.options.uid, token,
        this.options.resume ? this.place : null));
    } catch (error) {
      this.stopped = true;
      this.report({ status: 'rejected', reason: 'bad server URL: ' + error.message });
      return;
    }
    this.socket = socket;
    this.confirmed = false;
    socket.onopen = function () {
      // The server authenticates after the upgrade, so "open" is not yet "accepted": the first answer is.
      self.openedAt = Date.now();
      self.ping();
      self.timers.heartbeat = setInterval(self.heartbeat.bind(self), self.options.pingInterval);
    };
    socket.onmessage = function (message) {
      self.lastHeard = Date.now();
      if (!self.confirmed) {
        self.confirmed = true;
        self.report({ status: 'online' });
      }
      self.dispatch(message.data);
    };
    socket.onclose = function (close) {
      if (self.socket === socket) {
        self.closed(close.code, close.reason);
      }
    };
  };

  Client.prototype.ping = function () {
    this.pingSentAt = Date.now();
    this.send('ping');
  };

  /* Every pingInterval: a ping unanswered for a whole interval means the connection is dead though not closed. */
  Client.prototype.heartbeat = function () {
    if (this.pingSentAt && !(this.lastHeard >= this.pingSentAt)) {
      this.detach(this.socket).close(1000, 'no answer to ping');
      this.closed(1006, 'no answer to ping');
      return;
    }
    this.ping();
  };

  Client.prototype.dispatch = function (text) {
    var frame;
    try {
      frame = JSON.parse(text);
    } catch (error) {
      return; // not ours to judge: the server only sends JSON
    }
    if (!this.track(frame)) {
      return; // replayed and live both: the page sees it once
    }
    var lists = [this.handlers[frame && frame.event] || [], this.handlers['*'] || []];
    for (var i = 0; i < lists.length; i++) {
      var handlers = lists[i].slice();
      for (var j = 0; j < handlers.length; j++) {
        try {
          handlers[j](frame);
        } catch (error) {
          setTimeout(function () { throw error; }); // one faulty handler must not starve the others
        }
      }
    }
  };

  Client.prototype.closed = function (code, reason) {
    var wasOnline = this.confirmed && Date.now() - this.openedAt >= this.options.stableAfter;
    this.clearTimers();
    this.socket = null;
    this.pingSentAt = 0;
    if (this.stopped) {
      return;
    }
    if (isFinal(code)) {
      this.stopped = true;
      this.report({ status: code === REPLACED ? 'replaced' : 'rejected', code: code, reason: reason || FINAL[code] });
      return;
    }
    if (wasOnline) {
      this.attempt = 0;
    }
    var delay = backoffDelay(this.attempt, this.options);
    if (code === RATE_LIMITED) {
      delay = Math.max(delay, this.options.rateLimitedDelay);
    }
    this.attempt++;
    var reasonText = reason || (code === 1006 ? 'connection lost' : 'closed');
    if (root.navigator && root.navigator.onLine === false && root.addEventListener) {
      // No network: counting backoff attempts is pointless; wait for the browser to say it is back.
      this.watchNetwork();
      this.report({ status: 'offline', code: code, reason: 'no network' });
      return;
    }
    this.timers.retry = setTimeout(this.retryNow.bind(this), delay);
    this.report({ status: 'reconnecting', code: code, reason: reasonText, attempt: this.attempt, delay: delay });
  };

  Client.prototype.watchNetwork = function () {
    root.addEventListener('online', this.onNetworkBack);
  };

  Client.prototype.unwatchNetwork = function () {
    if (root.removeEventListener) {
      root.removeEventListener('online', this.onNetworkBack);
    }
  };

  Client.prototype.detach = function (socket) {
    socket.onopen = socket.onmessage = socket.onclose = null;
    return socket;
  };

  Client.prototype.clearTimers = function () {
    clearInterval(this.timers.heartbeat);
    clearTimeout(this.timers.retry);
    this.timers = {};
  };

  Client.prototype.report = function (status) {
    this.status = status.status;
    this.lastStatus = status;
    var handlers = this.statusHandlers.slice();
    for (var i = 0; i < handlers.length; i++) {
      handlers[i](status);
    }
  };

  return {
    Client: Client,
    /* new Client(options).start() */
    connect: function (options) {
      return new Client(options).start();
    },
    isFinal: isFinal,
    backoffDelay: backoffDelay,
    socketUrl: socketUrl,
    defaults: DEFAULTS
  };
}));
