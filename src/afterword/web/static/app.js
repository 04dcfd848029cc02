// Afterword: small enhancements over server-rendered pages (no inline script; CSP script-src 'self').
(function () {
  "use strict";

  var body = document.body;
  var lang = body.getAttribute("data-lang") === "nl" ? "nl" : "en";
  // The server's clock at render time; countdowns run from it so they agree with the server.
  var serverNow = Date.parse(body.getAttribute("data-now") || "") || Date.now();
  var skew = serverNow - Date.now();

  // ---- countdowns: same wording as the server (core.timeutil.format_remaining) -----------------
  function duration(ms) {
    var total = Math.floor(Math.abs(ms) / 60000);
    var days = Math.floor(total / 1440), hours = Math.floor((total % 1440) / 60), minutes = total % 60;
    var parts = [];
    if (days) parts.push(days + " d");
    if (hours || days) parts.push(hours + (lang === "nl" ? " u" : " h"));
    if (!days) parts.push(minutes + " min");
    return parts.join(" ");
  }
  function remaining(ms) {
    var span = duration(ms);
    if (ms >= 0) return lang === "nl" ? "nog " + span : span + " left";
    return lang === "nl" ? span + " te laat" : span + " overdue";
  }
  function tick() {
    var now = Date.now() + skew;
    document.querySelectorAll("time.countdown[datetime]").forEach(function (el) {
      var deadline = Date.parse(el.getAttribute("datetime"));
      if (isNaN(deadline)) return;
      var left = deadline - now;
      el.textContent = remaining(left);
      el.classList.toggle("overdue", left < 0);
      el.classList.toggle("soon", left >= 0 && left < 4 * 3600 * 1000);
    });
  }

  // ---- character counters: LinkedIn counts characters, X weighs them ---------------------------
  var URL_RE = /https?:\/\/\S+|\bwww\.\S+/gi;
  function light(code) {
    return code <= 0x10ff || (code >= 0x2000 && code <= 0x200d) || (code >= 0x2010 && code <= 0x201f) ||
      (code >= 0x2032 && code <= 0x2037);
  }
  function weigh(text) {
    var n = 0;
    for (var ch of text) n += light(ch.codePointAt(0)) ? 1 : 2;
    return n;
  }
  function xWeight(text) {
    var total = 0, last = 0, m;
    URL_RE.lastIndex = 0;
    while ((m = URL_RE.exec(text)) !== null) {
      total += weigh(text.slice(last, m.index)) + 23;
      last = m.index + m[0].length;
    }
    return total + weigh(text.slice(last));
  }
  function updateCounter(area) {
    var counter = document.querySelector('.counter[data-for="' + area.id + '"]');
    if (!counter) return;
    var out = counter.querySelector(".count");
    var limit = parseInt(area.getAttribute("data-limit") || "0", 10);
    var text = area.value.replace(/\r\n/g, "\n");
    if (limit) {
      var n = area.getAttribute("data-channel") === "x" ? xWeight(text) : text.length;
      out.textContent = n;
      counter.classList.toggle("over", n > limit);
    } else {
      out.textContent = text.trim() ? text.trim().split(/\s+/).length : 0;
    }
  }

  // ---- copy to clipboard ------------------------------------------------------------------------
  function copy(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) return;
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied") || "Copied";
      button.classList.add("copied");
      setTimeout(function () { button.textContent = label; button.classList.remove("copied"); }, 1600);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(target.value).then(done, function () { target.select(); document.execCommand("copy"); done(); });
    } else {
      target.select();
      document.execCommand("copy");
      done();
    }
  }

  // ---- copy-and-open: copy the prepared text, and let the link open the page in a new tab -------
  function copyText(text, link) {
    var shown = function () {
      link.classList.add("copied");
      link.setAttribute("title", link.getAttribute("data-copied") || "Copied");
      setTimeout(function () { link.classList.remove("copied"); }, 1600);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(shown, function () {});
      return;
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); shown(); } catch (e) { /* the user can still use Copy */ }
    area.remove();
  }

  // ---- what goes out is what the editor shows: copy-and-open, the mail link -----------------------
  // The text to post: the editor's, with the X handle in front (as `delivery.social.prepare` does),
  // and never cut: over the limit, nothing is copied and the card says by how much.
  function postText(link) {
    var card = link.closest(".card");
    var area = card && card.querySelector("textarea.body");
    var text = area ? area.value.replace(/\r\n/g, "\n").trim() : (link.getAttribute("data-text") || "");
    var handle = link.getAttribute("data-handle");
    if (handle && text.toLowerCase().indexOf(("@" + handle).toLowerCase()) !== 0) text = "@" + handle + " " + text;
    return text;
  }
  function measure(channel, text) {
    return channel === "x" ? xWeight(text) : Array.from(text.normalize("NFC")).length;
  }
  function updateSocial(card) {
    var link = card.querySelector("a.copy-open");
    if (!link) return true;
    var text = postText(link);
    var channel = link.getAttribute("data-channel");
    var limit = parseInt(link.getAttribute("data-limit") || "0", 10);
    var n = measure(channel, text);
    var warning = card.querySelector(".too-long");
    var over = limit > 0 && n > limit;
    if (warning) {
      warning.textContent = (warning.getAttribute("data-template") || "")
        .replace("%(count)s", String(n)).replace("%(limit)s", String(limit));
      warning.hidden = !over;
    }
    link.setAttribute("aria-disabled", over ? "true" : "false");
    // X is private by default: their profile (follow, then a direct message); a public post only when chosen.
    var post = channel === "x" && link.getAttribute("data-handle");
    link.href = post && !over ? "https://x.com/intent/post?text=" + encodeURIComponent(text)
      : (link.getAttribute("data-profile") || link.href);
    return !over;
  }
  function updateMailLink(card) {
    var link = card.querySelector("a.open-mail");
    if (!link) return;
    var subject = card.querySelector("input.subject");
    var area = card.querySelector("textarea.body");
    var base = link.getAttribute("data-mailto") || "";
    link.href = base + "?subject=" + encodeURIComponent(subject ? subject.value : "") +
      "&body=" + encodeURIComponent(area ? area.value.replace(/\r\n/g, "\n") : "");
  }
  function refreshCard(card) {
    updateSocial(card);
    updateMailLink(card);
  }

  // ---- unsaved edits: a warning before the page is left ------------------------------------------
  var captureChanged = false;
  function unsaved() {
    if (captureChanged) return true;
    var fields = document.querySelectorAll("form.draft textarea.body:not([readonly]), form.draft input.subject:not([readonly])");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value.replace(/\r\n/g, "\n") !== fields[i].defaultValue.replace(/\r\n/g, "\n")) return true;
    }
    return false;
  }
  window.addEventListener("beforeunload", function (event) {
    if (!unsaved()) return;
    event.preventDefault();
    event.returnValue = message("unsaved");
  });

  // ---- the capture form: add/remove rows, fill "who raised what" from the rows above -----------
  var form = document.getElementById("capture-form");
  function nextIndex(table) {
    var max = -1;
    document.querySelectorAll('#' + table + '-rows > .row').forEach(function (row) {
      var i = parseInt(row.getAttribute("data-index"), 10);
      if (i > max) max = i;
    });
    return max + 1;
  }
  function addRow(table, index) {
    var tpl = document.getElementById("tpl-" + table);
    var list = document.getElementById(table + "-rows");
    if (!tpl || !list) return;
    var restoring = typeof index === "number";
    var i = restoring ? index : nextIndex(table);
    var html = tpl.innerHTML.split("__i__").join(String(i));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    var key = row.querySelector(".row-key");
    if (key) key.value = (table === "contacts" ? "p" : "n") + i + "-" + Math.random().toString(36).slice(2, 6);
    list.appendChild(row);
    refreshPickers();
    var first = row.querySelector("input:not([type=hidden]), textarea");
    if (first && !restoring) first.focus();
  }

  // ---- the capture form is kept in this browser until it is saved --------------------------------
  // A dropped connection or a refused save must not cost the five minutes of typing: every change is
  // kept in localStorage, brought back when the empty form is opened again, and forgotten once the
  // interview page after a save appears.
  var DRAFT = "afterword.capture-draft", PENDING = "afterword.capture-pending";
  var TABLES = ["contacts", "needs", "strengths", "moments", "questions"];
  function keepsDraft() { return form && form.getAttribute("action") === "/capture"; }
  function saveDraft() {
    if (!keepsDraft()) return;
    var rows = {}, values = [], checked = [];
    TABLES.forEach(function (table) {
      rows[table] = Array.prototype.map.call(document.querySelectorAll("#" + table + "-rows > .row"),
        function (row) { return parseInt(row.getAttribute("data-index"), 10); });
    });
    form.querySelectorAll("input, textarea, select").forEach(function (el) {
      if (!el.name || el.name === "_csrf_token" || el.name === "replace") return;
      if (el.type === "checkbox") { if (el.checked) checked.push([el.name, el.value]); }
      else values.push([el.name, el.value]);
    });
    try { localStorage.setItem(DRAFT, JSON.stringify({rows: rows, values: values, checked: checked})); } catch (e) { /* full or off */ }
  }
  function restoreDraft() {
    var draft = null;
    try { draft = JSON.parse(localStorage.getItem(DRAFT) || "null"); } catch (e) { draft = null; }
    if (!draft || !draft.values) return;
    var typed = draft.values.some(function (pair) {
      return pair[1] && !/^(timezone|language|start|end|candidate_name|candidate_email)$/.test(pair[0]) && !/-(key|role|language|formality)$/.test(pair[0]);
    });
    if (!typed) return;
    TABLES.forEach(function (table) {
      (draft.rows[table] || []).forEach(function (index) {
        if (!document.querySelector("#" + table + "-rows > .row[data-index='" + index + "']")) addRow(table, index);
      });
    });
    draft.values.forEach(function (pair) {
      var el = form.querySelector('[name="' + CSS.escape(pair[0]) + '"]');
      if (el && el.type !== "hidden" || el && el.classList.contains("row-key")) el.value = pair[1];
    });
    refreshPickers();
    draft.checked.forEach(function (pair) {
      var box = form.querySelector('input[type=checkbox][name="' + CSS.escape(pair[0]) + '"][value="' + CSS.escape(pair[1]) + '"]');
      if (box) box.checked = true;
    });
    var note = document.getElementById("restored");
    if (note) note.hidden = false;
  }
  function forgetDraft() {
    try { localStorage.removeItem(DRAFT); sessionStorage.removeItem(PENDING); } catch (e) { /* storage off */ }
  }
  function choices(source) {
    var out = [];
    document.querySelectorAll('#' + source + '-rows > .row').forEach(function (row) {
      var key = row.querySelector(".row-key");
      var field = source === "contacts" ? row.querySelector(".person-name") : row.querySelector("textarea");
      var text = field ? field.value.trim().replace(/\s+/g, " ") : "";
      if (key && text) out.push([key.value, text.length > 48 ? text.slice(0, 47) + "…" : text]);
    });
    return out;
  }
  function refreshPickers() {
    if (!form) return;
    var cache = {};
    form.querySelectorAll(".picker").forEach(function (picker) {
      var source = picker.getAttribute("data-source");
      var name = picker.getAttribute("data-name");
      var list = cache[source] || (cache[source] = choices(source));
      var chips = picker.querySelector(".chips");
      var checked = {};
      chips.querySelectorAll("input:checked").forEach(function (box) { checked[box.value] = true; });
      chips.textContent = "";
      list.forEach(function (item) {
        var label = document.createElement("label");
        label.className = "chip";
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = item[0];
        box.checked = !!checked[item[0]];
        var span = document.createElement("span");
        span.textContent = item[1];  // text, never HTML
        label.appendChild(box);
        label.appendChild(document.createTextNode(" "));
        label.appendChild(span);
        chips.appendChild(label);
      });
      var empty = picker.querySelector(".picker-empty");
      if (empty) empty.hidden = list.length > 0;
    });
  }
  function setupCapture() {
    if (!form) return;
    var zone = form.querySelector("[data-default-zone]");
    if (zone && !zone.value) {
      try { zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* keep empty */ }
    }
    form.querySelectorAll("[data-remember]").forEach(function (input) {
      var key = "afterword." + input.getAttribute("data-remember");
      try {
        if (!input.value) input.value = localStorage.getItem(key) || "";
        input.addEventListener("change", function () { localStorage.setItem(key, input.value); });
      } catch (e) { /* storage unavailable */ }
    });
    form.addEventListener("input", function (event) {
      var t = event.target;
      if (t.classList.contains("person-name") || (t.tagName === "TEXTAREA" && t.closest('[data-table="needs"]'))) {
        refreshPickers();
      }
    });
    refreshPickers();
    if (keepsDraft()) {
      var answered = document.getElementById("form-errors") || document.getElementById("already-stored");
      if (!answered) restoreDraft();  // the server sent the empty form: bring back what was typed
      form.addEventListener("input", saveDraft);
      form.addEventListener("change", saveDraft);
      form.addEventListener("submit", function () {
        saveDraft();
        try { sessionStorage.setItem(PENDING, "1"); } catch (e) { /* storage off */ }
      });
    }
    // After a refused save, start where the first problem is (the summary above says what to fix).
    var invalid = document.getElementById("form-errors") && form.querySelector('[aria-invalid="true"]');
    if (invalid) {
      var more = invalid.closest("details");
      if (more) more.open = true;
      invalid.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.copy-open");
    if (link) {
      var card = link.closest(".card");
      if (card && !updateSocial(card)) { event.preventDefault(); return; }  // over the limit: nothing happens
      copyText(postText(link), link);  // the default then opens the tab, at the address just set
      return;
    }
    var t = event.target.closest("button");
    if (!t) return;
    if (t.classList.contains("add-row")) { addRow(t.getAttribute("data-table")); saveDraft(); }
    else if (t.classList.contains("remove-row")) {
      var row = t.closest(".row");
      var list = row && row.parentElement;
      if (row && list && list.children.length > 1) { row.remove(); }
      else if (row) { row.querySelectorAll("input:not([type=hidden]), textarea").forEach(function (i) { i.value = ""; }); }
      refreshPickers();
      saveDraft();
    }
    else if (t.classList.contains("copy")) { copy(t); }
    else if (t.classList.contains("forget-draft")) { forgetDraft(); captureChanged = false; window.location.assign("/capture"); }
    else if (t.classList.contains("use-mine")) {
      var key = t.getAttribute("data-card");
      var card = document.getElementById("card-" + key);
      var mine = card && card.querySelector(".mine-body");
      var area = document.getElementById("body-" + key);
      if (mine && area) { area.value = mine.value; updateCounter(area); area.dispatchEvent(new Event("input", {bubbles: true})); }
      var mineSubject = card && card.querySelector(".mine-subject");
      var subject = document.getElementById("subject-" + key);
      if (mineSubject && subject) subject.value = mineSubject.value;
    }
  });
  document.addEventListener("input", function (event) {
    var t = event.target;
    if (t.matches && t.matches("textarea.body")) updateCounter(t);
    var card = t.closest ? t.closest(".card") : null;
    if (card) refreshCard(card);
    if (form && form.contains(t)) captureChanged = true;
  });
  if (form) form.addEventListener("submit", function () { captureChanged = false; });
  document.addEventListener("htmx:afterSwap", function () {
    document.querySelectorAll("textarea.body").forEach(updateCounter);
    document.querySelectorAll(".card").forEach(refreshCard);
    tick();
  });

  // ---- failed requests: say so in the UI's language, keep what was typed, offer to try again ------
  // htmx leaves the page as it was on a 4xx/5xx or a dropped connection; without this, a card would
  // look saved and its checks up to date when neither is true.
  function message(name, status) {
    var text = body.getAttribute("data-msg-" + name) || "";
    return text.replace("%(status)s", String(status || ""));
  }
  function problemBox(elt) {
    var card = elt && elt.closest ? elt.closest(".card") : null;
    return (card && card.querySelector(".request-problem")) || document.getElementById("page-problem");
  }
  function renewToken(token) {
    body.setAttribute("hx-headers", JSON.stringify({"x-csrftoken": token}));
    document.querySelectorAll('input[name="_csrf_token"]').forEach(function (input) { input.value = token; });
  }
  function showProblem(detail, text) {
    var elt = detail.elt;
    var box = problemBox(elt);
    if (!box) return;
    var config = detail.requestConfig || {};
    box.querySelector(".problem-text").textContent = text;
    box.retry = {verb: config.verb || "post", path: config.path || detail.pathInfo && detail.pathInfo.requestPath, elt: elt};
    box.hidden = false;
    var target = detail.target;
    if (target && target.classList && target.classList.contains("findings-box")) {
      target.textContent = "";
      var note = document.createElement("p");
      note.className = "findings-stale";
      note.textContent = message("unchecked");
      target.appendChild(note);
    }
  }
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var token = xhr && xhr.getResponseHeader("x-csrftoken");
    if (token) renewToken(token);
    var status = xhr ? xhr.status : 0;
    showProblem(event.detail, status === 403 ? message(token ? "expired" : "refused") : message("server", status));
  });
  document.addEventListener("htmx:sendError", function (event) { showProblem(event.detail, message("offline")); });
  document.addEventListener("htmx:timeout", function (event) { showProblem(event.detail, message("offline")); });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (!event.detail.successful) return;
    var box = problemBox(event.detail.elt);
    if (box && box.isConnected && box.retry && box.retry.elt === event.detail.elt) box.hidden = true;
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".request-problem .retry") : null;
    if (!button) return;
    var box = button.closest(".request-problem");
    var retry = box && box.retry;
    if (!retry || !window.htmx) return;
    box.hidden = true;
    if (retry.elt && retry.elt.isConnected) {
      window.htmx.ajax(retry.verb, retry.path, {source: retry.elt});
    }
  });

  try {
    if (body.classList.contains("page-interview") && sessionStorage.getItem(PENDING)) forgetDraft();  // saved
  } catch (e) { /* storage off */ }
  // ---- the undo window: count down, then fetch the card to show what became of the email ---------
  function holdCountdowns(root) {
    (root || document).querySelectorAll("[data-held][data-refresh]").forEach(function (el) {
      if (el.getAttribute("data-counting")) return;
      el.setAttribute("data-counting", "1");
      var left = parseInt(el.getAttribute("data-held"), 10) || 1;
      var shown = el.querySelector(".held-left");
      var card = el.closest(".card");
      var step = setInterval(function () {
        if (!el.isConnected) { clearInterval(step); return; }
        left -= 1;
        if (shown && left >= 0) shown.textContent = String(left);
        if (left > -1) return;
        clearInterval(step);
        if (window.htmx && card) {
          window.htmx.ajax("GET", el.getAttribute("data-refresh"), {target: "#" + card.id, swap: "outerHTML"});
        }
      }, 1000);
    });
  }
  document.addEventListener("htmx:load", function (event) { holdCountdowns(event.detail.elt); });

  setupCapture();
  holdCountdowns();
  var settings = document.querySelector("form[data-settings]");
  var wrong = settings && document.getElementById("form-errors") && settings.querySelector('[aria-invalid="true"]');
  if (wrong) wrong.focus();  // after a refused save, start at the first field to fix
  document.querySelectorAll("textarea.body").forEach(updateCounter);
  document.querySelectorAll(".card").forEach(refreshCard);
  tick();
  setInterval(tick, 60000);
})();
