/* Charte cookies: enhances the server-rendered banner, which works without JavaScript. See the README. */
(function () {
  'use strict';
  var doc = document;
  var script = doc.currentScript;
  var bannerUrl = (script && script.getAttribute('data-banner')) || '/cookies/banner';
  // The charter on a sibling origin (cookies.example.org for www.example.org): its answers come with the visitor's
  // cookies only when that origin trusts this one (the site's trusted-origins).
  var charter = new URL(bannerUrl, location.href).origin;
  var foreign = charter !== location.origin;
  var credentials = foreign ? 'include' : 'same-origin';
  var revision = script && Number(script.getAttribute('data-revision'));

  // {revision, decidedAt, consentId, categories: {id: true|false}} from cookies_preferences, or null.
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

  function accepts(category) {
    var current = decision();
    return !!(current && current.categories[category]);
  }

  window.cookieConsent = { get: decision, accepts: accepts };

  // Runs the scripts parked as <script type="text/plain" data-cookie-category="..."> whose category is accepted.
  function activate() {
    doc.querySelectorAll('script[type="text/plain"][data-cookie-category]').forEach(function (parked) {
      if (accepts(parked.getAttribute('data-cookie-category'))) {
        var live = doc.createElement('script');
        [].forEach.call(parked.attributes, function (attribute) {
          if (attribute.name !== 'type') {
            live.setAttribute(attribute.name, attribute.value);
          }
        });
        live.text = parked.text;
        parked.replaceWith(live);
      }
    });
  }

  function ok(response) {
    if (!response.ok) {
      throw new Error(response.status);
    }
    return response;
  }

  // A fetch refused across origins fails without a word: say what to do, once per failure.
  function refused(error) {
    if (foreign && error instanceof TypeError) {
      console.error('Charte cookies: ' + charter + ' does not share its banner with ' + location.origin +
        ': add ' + location.origin + " to the site's trusted-origins in its registry, or serve " + bannerUrl +
        ' from this origin through a proxy');
    }
    throw error;
  }

  // data-insert: the banner goes over the bottom of the window (no layout shift); the page keeps room for it below
  // its end and keeps focused elements above it (scroll-padding).
  var insert = script && script.hasAttribute('data-insert');
  var root = doc.documentElement;
  var watcher = insert && window.ResizeObserver && new ResizeObserver(function () {
    var banner = doc.getElementById('cookie-banner');
    root.style.setProperty('--cookie-banner-overlay-height', (banner ? banner.offsetHeight : 0) + 'px');
  });

  function overlay(banner) {
    root.classList.toggle('cookie-banner-overlaid', !!banner);
    if (banner) {
      banner.classList.add('cookie-banner--overlay');
      if (watcher) {
        watcher.disconnect();
        watcher.observe(banner);
      }
    }
  }

  // Puts the server's banner for this page in place ("saved": confirmation, "manage": choices open).
  function show(mode) {
    var page = new URL(location.href);
    page.hash = '';
    if (mode) {
      page.searchParams.set('cookies', mode);
    }
    var query = new URLSearchParams({ 'return': page.pathname + page.search });
    // The language of the banner already shown (one a proxy included speaks the visitor's), else the page's.
    var shown = doc.getElementById('cookie-banner');
    var lang = (shown && shown.lang) || doc.documentElement.lang;
    if (lang) {
      query.set('lang', lang);
    }
    return fetch(bannerUrl + '?' + query, { credentials: credentials, headers: { Accept: 'text/html' } })
      .catch(refused)
      .then(ok)
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var old = doc.getElementById('cookie-banner');
        var holder = doc.createElement('div');
        holder.innerHTML = html;
        var banner = holder.firstElementChild;
        if (foreign && banner) {
          // The form and the charter's links are the charter's origin's; the page's own links stay this page's.
          banner.querySelectorAll('form[action], a[href^="/"]:not([data-cookie-manage]):not([data-cookie-hide])')
            .forEach(function (element) {
              var name = element.tagName === 'FORM' ? 'action' : 'href';
              element.setAttribute(name, new URL(element.getAttribute(name), charter).href);
            });
        }
        if (old && banner) {
          old.replaceWith(banner);
        } else if (banner) {
          doc.body.insertBefore(banner, doc.body.firstChild);
        } else if (old) {
          old.remove();
        }
        if (insert) {
          overlay(banner);
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
    fetch(form.action, { method: 'POST', body: body, credentials: credentials, headers: { Accept: 'application/json' } })
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
      if (insert) {
        overlay(null);
      }
      // Focus goes on with the page's content, not back to the top of the document.
      var main = doc.querySelector('main, [role=main]');
      if (main) {
        main.tabIndex = -1;
        main.focus({ preventScroll: true });
      }
      return;
    }
    show('manage')
      .then(function (banner) {
        var first = banner && (banner.querySelector('input[type=checkbox]') || banner.querySelector('button'));
        if (first) {
          first.focus();
        }
      })
      .catch(function () { location.href = link.href; });
  });

  activate();
  // At each decision, this banner's or an embed's placeholder's (cookie-embeds.js).
  doc.addEventListener('cookies:consent', activate);
  // On pages the application does not render: <script src=".../cookie-banner.js" data-insert defer>.
  if (insert && !doc.getElementById('cookie-banner')) {
    show().catch(function () {});
  }
}());
