/*
 * Switchboard console: the only script. A saga page keeps its timeline live: a server-sent-event stream says when
 * the saga changed, and the page then fetches its live part again (the server renders it; nothing is built here).
 * Browsers without EventSource poll instead. Everything else in the console works without this script.
 */
(function () {
  'use strict';
  var POLL_MILLIS = 2000;
  var READY_MILLIS = 5000;

  function setStatus(text) {
    var status = document.getElementById('live-status');
    if (status) {
      status.textContent = text;
    }
  }

  function openDetails(live) {
    var open = [];
    var all = live.querySelectorAll('details');
    for (var i = 0; i < all.length; i++) {
      if (all[i].open) {
        open.push(i);
      }
    }
    return open;
  }

  function refresh(message) {
    var live = document.getElementById('live');
    if (!live) {
      return;
    }
    var request = new XMLHttpRequest();
    request.open('GET', live.getAttribute('data-fragment'));
    request.onload = function () {
      if (request.status !== 200) {
        return;
      }
      var current = document.getElementById('live');
      var keepOpen = openDetails(current);
      var holder = document.createElement('div');
      holder.innerHTML = request.responseText;
      var fresh = holder.querySelector('#live');
      if (!fresh) {
        return;
      }
      setStatus(message);
      if (fresh.getAttribute('data-version') === current.getAttribute('data-version')) {
        return; // nothing changed: keep the page, and the keyboard focus in it, as they are
      }
      current.parentNode.replaceChild(fresh, current);
      var details = fresh.querySelectorAll('details');
      for (var i = 0; i < keepOpen.length; i++) {
        if (details[keepOpen[i]]) {
          details[keepOpen[i]].open = true;
        }
      }
    };
    request.send();
  }

  function start() {
    var live = document.getElementById('live');
    if (!live) {
      return;
    }
    var polling = null;
    function poll() {
      if (polling === null) {
        setStatus('Live: this page checks the saga every few seconds.');
        polling = window.setInterval(function () {
          refresh('Live: this page checks the saga every few seconds.');
        }, POLL_MILLIS);
      }
    }
    var source = null;
    try {
      source = typeof window.EventSource === 'undefined' ? null : new window.EventSource(live.getAttribute('data-events'));
    } catch (e) {
      source = null;
    }
    if (source === null) {
      poll();
      return;
    }
    // A stream that never says "ready" (a buffering proxy, a browser that only pretends) falls back to polling.
    var fallback = window.setTimeout(poll, READY_MILLIS);
    source.addEventListener('ready', function () {
      window.clearTimeout(fallback);
      refresh('Live: this page follows the saga.');
    });
    source.addEventListener('saga', function (event) {
      refresh('Live: ' + event.data + '.');
    });
    source.onerror = function () {
      if (polling === null) {
        setStatus('Live updates interrupted; reconnecting…');
      }
    };
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
