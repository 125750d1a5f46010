/* Charte cookies: third-party embeds held back until their category is accepted, and Google Consent Mode v2.
   A file of its own, for the pages that have embeds or want Consent Mode (docs/embeds.md); it needs no other script. */
(function () {
  'use strict';
  var doc = document;
  var script = doc.currentScript;
  // From /cookies/consent-mode.js, loaded just before this file by pages that want Consent Mode.
  var mode = window.cookieConsentMode;
  var revision = (mode && mode.revision) || Number(script && script.getAttribute('data-revision'));

  // {id: true|false} of the visitor's current decision, or null (none, or one about another revision). Read from
  // the cookie itself: this file may run before the banner's script (which is deferred).
  function choices() {
    var found = doc.cookie.match(/(?:^|;\s*)cookies_preferences=([^;]*)/);
    var value = found && new URLSearchParams(found[1]);
    if (!value || value.get('v') !== '1' || (revision && Number(value.get('rev')) !== revision)) {
      return null;
    }
    var categories = {};
    ['refused', 'accepted'].forEach(function (key, accepted) {
      (value.get(key) || '').split('.').forEach(function (id) {
        if (id) {
          categories[id] = !!accepted;
        }
      });
    });
    return categories;
  }

  // Google Consent Mode: each type granted when the category the registry maps it to is accepted ("*": a required
  // category, always; "": none, never). The default is the visitor's current decision, set before any tag runs.
  function signals(categories) {
    var result = {};
    Object.keys(mode.types).forEach(function (type) {
      var category = mode.types[type];
      result[type] = (category === '*' || (categories && categories[category])) ? 'granted' : 'denied';
    });
    return result;
  }

  var gtag;
  if (mode) {
    window.dataLayer = window.dataLayer || [];
    // Google's own snippet: gtag.js reads the arguments objects it pushes, not arrays.
    gtag = window.gtag = window.gtag || function () { window.dataLayer.push(arguments); };
    gtag('consent', 'default', signals(choices()));
  }

  // Each embed holds its frame once its category is accepted, and its placeholder only otherwise. The placeholder
  // stays under the frame (hidden by the class), so that the box keeps its size.
  function sync(categories) {
    doc.querySelectorAll('.cookie-embed[data-cookie-category]').forEach(function (holder) {
      var accepted = !!(categories && categories[holder.getAttribute('data-cookie-category')]);
      var frame = holder.querySelector('iframe');
      if (accepted && !frame) {
        frame = doc.createElement('iframe');
        frame.className = 'cookie-embed__frame';
        frame.title = holder.getAttribute('data-title');
        frame.allowFullscreen = true;
        frame.src = holder.getAttribute('data-src');
        holder.insertBefore(frame, holder.firstChild);
      } else if (!accepted && frame) {
        frame.remove();
      }
      holder.classList.toggle('cookie-embed--loaded', accepted);
    });
  }

  // <iframe data-cookie-embed="id" data-src="…" title="…" data-ratio="16x9">, on pages that cannot include the
  // placeholder (no SSI): replaced by the application's placeholder, or frame, for that embed.
  function include() {
    doc.querySelectorAll('iframe[data-cookie-embed][data-src]').forEach(function (bare) {
      var query = new URLSearchParams({
        id: bare.getAttribute('data-cookie-embed'), src: bare.getAttribute('data-src'), title: bare.title,
        ratio: bare.getAttribute('data-ratio') || '16x9', 'return': location.pathname + location.search
      });
      bare.removeAttribute('data-cookie-embed');
      fetch('/cookies/embed?' + query, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(ok)
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var holder = doc.createElement('div');
          holder.innerHTML = html;
          if (holder.firstElementChild) {
            bare.replaceWith(holder.firstElementChild);
          }
        })
        .catch(function () {});
    });
  }

  function ok(response) {
    if (!response.ok) {
      throw new Error(response.status);
    }
    return response;
  }

  // Every decision, made in the banner or in a placeholder: Consent Mode's update, embeds loaded or held back again.
  doc.addEventListener('cookies:consent', function (event) {
    var categories = event.detail && event.detail.categories;
    if (gtag) {
      gtag('consent', 'update', signals(categories));
    }
    sync(categories);
  });

  // "Accept and show": the same decision as the banner's custom choice, posted to the same endpoint. The other
  // categories stay as the visitor's current decision has them (the cookie, newer than the page's markup).
  doc.addEventListener('submit', function (event) {
    var form = event.target;
    var holder = form.closest && form.closest('.cookie-embed');
    if (!holder || !form.classList.contains('cookie-embed__form')) {
      return;
    }
    event.preventDefault();
    var accepted = choices() || {};
    accepted[holder.getAttribute('data-cookie-category')] = true;
    var body = new URLSearchParams({
      'return': form.elements.namedItem('return').value, revision: form.elements.namedItem('revision').value,
      decision: 'custom'
    });
    Object.keys(accepted).forEach(function (id) {
      if (accepted[id]) {
        body.append('category', id);
      }
    });
    // What the visitor was shown, named as the banner's forms name it (the record says so).
    var snapshot = form.elements.namedItem('snapshot');
    if (snapshot) {
      body.append('snapshot', snapshot.value);
    }
    fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(ok)
      .then(function (response) { return response.json(); })
      .then(function (decided) {
        // A banner still asking is answered: the server would not show it any more.
        var banner = doc.getElementById('cookie-banner');
        if (banner && banner.querySelector('form')) {
          banner.remove();
          doc.documentElement.classList.remove('cookie-banner-overlaid');
        }
        doc.dispatchEvent(new CustomEvent('cookies:consent', { detail: decided }));
        // The button is gone under the frame: focus goes on to what it loaded.
        var frame = holder.querySelector('iframe');
        if (frame) {
          frame.focus();
        }
      })
      .catch(function () {
        // Whatever went wrong, the plain form still works.
        form.submit();
      });
  });

  function start() {
    include();
    sync(choices());
  }

  if (doc.readyState === 'loading') {
    doc.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
