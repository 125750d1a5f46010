/*
 * Charte cookies: enhances the server-rendered banner, which works without JavaScript.
 * - decisions are sent with fetch; the banner turns into its confirmation in place, without a reload;
 * - "Gérer mes cookies" opens the choices in place;
 * - page scripts read the decision with window.cookieConsent.get() / .accepts(category) and hear
 *   each new one as a "cookies:consent" event on document (detail: the decision).
 */
(function () {
  'use strict';
  var doc = document;
  var script = doc.currentScript;
  var bannerUrl = (script && script.getAttribute('data-banner')) || '/cookies/banner';
  var revision = script && Number(script.getAttribute('data-revision'));

  // The decision held in cookies_preferences: {revision, decidedAt, consentId, categories: {id: true|false}}.
  function decision() {
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
    return {
      revision: Number(value.get('rev')),
      decidedAt: new Date(value.get('at') * 1000).toISOString(),
      consentId: value.get('id'),
      categories: categories
    };
  }

  window.cookieConsent = {
    get: decision,
    accepts: function (category) {
      var current = decision();
      return !!(current && current.categories[category]);
    }
  };

  function ok(response) {
    if (!response.ok) {
      throw new Error(response.status);
    }
    return response;
  }

  // Replaces the banner with the server's rendering for this page in the given mode ("saved" or "manage").
  function show(mode) {
    var page = new URL(location.href);
    page.hash = '';
    page.searchParams.set('cookies', mode);
    var query = new URLSearchParams({ 'return': page.pathname + page.search, lang: doc.documentElement.lang });
    return fetch(bannerUrl + '?' + query, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(ok)
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var old = doc.getElementById('cookie-banner');
        var holder = doc.createElement('div');
        holder.innerHTML = html;
        var banner = holder.firstElementChild;
        if (old && banner) {
          old.replaceWith(banner);
        } else if (banner) {
          doc.body.insertBefore(banner, doc.body.firstChild);
        } else if (old) {
          old.remove();
        }
        return banner;
      });
  }

  doc.addEventListener('submit', function (event) {
    var form = event.target;
    var submitter = event.submitter;
    if (!form.classList.contains('cookie-banner__form') || !submitter) {
      return;
    }
    event.preventDefault();
    var body = new URLSearchParams(new FormData(form));
    body.set(submitter.name, submitter.value);
    fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(ok)
      .then(function (response) { return response.json(); })
      .then(function (decided) {
        doc.dispatchEvent(new CustomEvent('cookies:consent', { detail: decided }));
        return show('saved');
      })
      .then(function (banner) {
        var status = banner && banner.querySelector('[role=status]');
        if (status) {
          status.focus({ preventScroll: true });
        }
      })
      .catch(function () {
        // Whatever went wrong, the plain form still works.
        var field = doc.createElement('input');
        field.type = 'hidden';
        field.name = submitter.name;
        field.value = submitter.value;
        form.appendChild(field);
        form.submit();
      });
  });

  doc.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-cookie-hide], a[data-cookie-manage]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    if (link.hasAttribute('data-cookie-hide')) {
      link.closest('#cookie-banner').remove();
      return;
    }
    show('manage')
      .then(function (banner) {
        var first = banner && (banner.querySelector('input[type=checkbox]:not([disabled])') || banner.querySelector('button'));
        if (first) {
          first.focus();
        }
      })
      .catch(function () { location.href = link.href; });
  });
}());
