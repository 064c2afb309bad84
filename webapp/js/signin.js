/*
 * The sign-in form the demo and chat pages share, put into their empty <section id="signin">, for a page opened
 * without ?uid=&token=: a token typed in, or in dev mode one from {ctx}/dev/token. Once there is one it goes into
 * the page's URL (so a reload, or the same URL in a second tab, signs in the same way) and the page is told:
 * signedIn(uid, token). The form is fixed markup: nothing from the wire or the URL is ever parsed as HTML.
 */
(function () {
  'use strict';

  var FORM = '<h2 id="signin-title">Sign in</h2>'
    + '<p>Open this page with <code>?uid=&hellip;&amp;token=&hellip;</code> (<code>scripts/run</code> prints such'
    + ' links in dev mode, your backend issues tokens in production), or enter them here.</p>'
    + '<form id="signin-form">'
    + '<label for="signin-uid">User id</label>'
    + '<input id="signin-uid" name="uid" autocomplete="username" required pattern="[A-Za-z0-9_.:@\\-]{1,64}">'
    + '<label for="signin-token">Token</label>'
    + '<input id="signin-token" name="token" autocomplete="off" spellcheck="false">'
    + '<div class="actions"><button type="submit" id="signin-connect">Connect</button>'
    + '<button type="button" id="signin-dev">Get a dev test token</button></div>'
    + '<p id="signin-message" class="hint" role="alert"></p>'
    + '</form>';

  var $ = function (id) { return document.getElementById(id); };

  window.TidingsSignIn = function (params, signedIn) {
    $('signin').innerHTML = FORM;
    $('signin-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var uid = $('signin-uid').value.trim();
      var token = $('signin-token').value.trim();
      if (!token) {
        $('signin-message').textContent = 'Enter a token, or get a dev test token.';
        return;
      }
      done(uid, token);
    });
    $('signin-dev').addEventListener('click', function () {
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
        .then(function (body) { done(body.uid, body.token); })
        .catch(function (error) { $('signin-message').textContent = error.message; });
    });

    function done(uid, token) {
      $('signin').hidden = true;
      params.set('uid', uid);
      params.set('token', token);
      history.replaceState(null, '', '?' + params.toString());
      signedIn(uid, token);
    }

    return {
      /* Shows the form, with the uid the URL gave if any. */
      show: function () {
        $('signin').hidden = false;
        $('signin-uid').value = params.get('uid') || '';
      }
    };
  };
})();
