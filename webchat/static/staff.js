/* Staff page quick panels: council contacts, escalation ladders, timescales, topics.
   Data comes from /webhooks/webchat/api/...; everything is rendered with
   textContent, and links are built only for tel:, mailto: and https:
   (by the widget's own helpers, window.SendChatKit). */
(function () {
  "use strict";

  var API = "/webhooks/webchat/api/";
  // The widget's DOM and link helpers (widget.js loads first), not a copy of them.
  var kit = window.SendChatKit;
  var el = kit.el;

  function getJSON(path) {
    return fetch(API + path, { credentials: "same-origin" }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) throw new Error((data.error && data.error.message) || "The details could not be loaded.");
        return data;
      });
    });
  }

  function phoneLink(number) {
    var href = kit.telHref(number);
    return href ? kit.link(href, String(number)) : document.createTextNode(String(number));
  }

  function websiteLink(site) {
    return kit.link(/^https?:\/\//i.test(site) ? site : "https://" + site, String(site));
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];

  // "2026-11-22" -> "22 November 2026"
  function longDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso || ""));
    return m ? parseInt(m[3], 10) + " " + MONTHS[parseInt(m[2], 10) - 1] + " " + m[1] : "";
  }

  function contactId(kind) {
    return "contact-" + String(kind).replace(/[^a-z0-9_-]/gi, "-");
  }

  function contactBlock(service, checked, id) {
    var rows = [];
    function row(label, value) {
      if (!value || (Array.isArray(value) && !value.length)) return;
      var dd = el("dd");
      if (value.nodeType) dd.appendChild(value); else dd.textContent = String(value);
      rows.push(el("dt", { text: label }), dd);
    }
    var phones = (service.phones || []).map(phoneLink);
    if (phones.length) {
      var span = el("span");
      phones.forEach(function (p, i) { if (i) span.appendChild(document.createTextNode(", ")); span.appendChild(p); });
      row("Phone", span);
    }
    row("Text phone", service.text_phone);
    if (service.email) row("Email", kit.link("mailto:" + service.email, service.email));
    if (service.website) row("Website", websiteLink(service.website));
    row("Hours", service.hours);
    row("Address", service.address);
    row("Offers", service.offers);
    row("Last checked", longDate(checked));
    return el("div", { className: "contact", id: id, tabindex: id ? "-1" : null }, [
      el("h4", { text: service.name || service.kind }),
      el("dl", {}, rows)
    ]);
  }

  function kindName(kind) {
    var names = { iass: "SENDIASS", sen_team: "the council's SEN team", mediation: "the mediation service",
                  local_offer: "the Local Offer", council: "the council", parent_carer_forum: "the parent carer forum" };
    return names[kind] || String(kind).replace(/_/g, " ");
  }

  function sourcesLine(citations) {
    var p = el("p", { className: "citations", text: citations.length > 1 ? "Sources: " : "Source: " });
    citations.forEach(function (c, i) {
      if (i) p.appendChild(document.createTextNode("; "));
      p.appendChild(c.url ? kit.link(c.url, c.text) : document.createTextNode(c.text || String(c)));
    });
    return p;
  }

  // Each contact is shown once, under Contacts; a ladder step's name links to it.
  function renderCouncil(data) {
    var box = document.getElementById("council-detail");
    var reviewed = data.council.reviewed;
    var shown = {};
    box.textContent = "";
    box.appendChild(el("h3", { text: "Contacts" }));
    if (reviewed) {
      box.appendChild(el("p", { className: "staff-status",
                                text: "These details were last checked on " + longDate(reviewed) + "." }));
    }
    (data.council.services || []).forEach(function (s) {
      var id = shown[s.kind] ? null : contactId(s.kind);
      shown[s.kind] = true;
      box.appendChild(contactBlock(s, reviewed, id));
    });
    box.appendChild(el("h3", { text: "Escalation ladders" }));
    (data.ladders || []).forEach(function (ladder) {
      var list = el("ol");
      (ladder.steps || []).forEach(function (step) {
        var name = step.contact && shown[step.contact.kind]
          ? el("a", { href: "#" + contactId(step.contact.kind), text: step.who || "" })
          : document.createTextNode(step.who || "");
        var item = el("li", {}, [el("strong", {}, [name])]);
        if (step.how) item.appendChild(el("p", { text: step.how }));
        if (step.ask_for) item.appendChild(el("p", { text: "Ask for: " + step.ask_for }));
        if (!step.contact && step.contact_kind) {
          item.appendChild(el("p", { text: "Contact: " + kindName(step.contact_kind) + " (no local details held)" }));
        }
        if (step.citations && step.citations.length) item.appendChild(sourcesLine(step.citations));
        list.appendChild(item);
      });
      box.appendChild(el("details", { className: "ladder" }, [el("summary", { text: ladder.title }), list]));
    });
    if (data.national && data.national.length) {
      box.appendChild(el("h3", { text: "National services" }));
      data.national.forEach(function (s) { box.appendChild(contactBlock(s, null, null)); });
    }
  }

  // Two columns (what, how long) so the table fits a 320 px screen.
  function renderTimescales(items) {
    var body = el("tbody");
    items.forEach(function (t) {
      var source = t.citation_url ? kit.link(t.citation_url, t.citation || t.citation_url)
                                  : document.createTextNode(t.citation || "");
      body.appendChild(el("tr", {}, [
        el("td", {}, [
          el("span", { className: "timescale-label", text: t.label }),
          el("span", { className: "timescale-meta", text: "Counted from " + (t.starts || "") + "." }),
          el("span", { className: "timescale-meta" }, [document.createTextNode("Source: "), source])
        ]),
        // The server words the time limit, as the chat does ("1 month", not "1 months").
        el("td", { className: "nowrap", text: t.time_limit || "" })
      ]));
    });
    var head = el("tr", {}, ["What happens", "Time limit"].map(function (h) {
      return el("th", { scope: "col", text: h });
    }));
    var box = document.getElementById("timescales-body");
    box.textContent = "";
    box.appendChild(el("table", {}, [el("thead", {}, [head]), body]));
  }

  // One topic: a <details> whose summary is the title, so 63 topics stay scannable.
  function topicBlock(t) {
    var parts = [el("summary", { text: t.title }), el("p", { text: t.answer })];
    if (t.detail) parts.push(el("p", { text: t.detail }));
    if (t.next_step) parts.push(el("p", { text: "Next step: " + t.next_step }));
    if (t.citations && t.citations.length) parts.push(sourcesLine(t.citations));
    if (t.cues && t.cues.length) {
      parts.push(el("p", { className: "timescale-meta", text: "Parents may say: " + t.cues.join(", ") }));
    }
    return el("details", { className: "topic" }, parts);
  }

  function hasWords(text, words) {
    text = String(text || "").toLowerCase();
    return words.every(function (w) { return text.indexOf(w) !== -1; });
  }

  // The server's rule (staff_api.matching_topics): title or cues hold every word; only when
  // no topic's do, the answers are searched.
  function matchingTopics(topics, query) {
    var words = String(query || "").toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return topics;
    var named = topics.filter(function (t) { return hasWords(t.title + " " + (t.cues || []).join(" "), words); });
    return named.length ? named : topics.filter(function (t) { return hasWords(t.answer, words); });
  }

  function renderTopics(all, query) {
    var shown = matchingTopics(all, query);
    var box = document.getElementById("topics-body");
    box.textContent = "";
    shown.forEach(function (t) { box.appendChild(topicBlock(t)); });
    var count = shown.length === 1 ? "1 topic" : shown.length + " topics";
    document.getElementById("topics-status").textContent = query.trim()
      ? count + " match \u201c" + query.trim() + "\u201d."
      : "Showing all " + count + ".";
  }

  function start() {
    var select = document.getElementById("council-select");
    var status = document.getElementById("council-status");
    getJSON("councils").then(function (data) {
      (data.councils || []).forEach(function (c) {
        select.appendChild(el("option", { value: c.key, text: c.name }));
      });
    }).catch(function (error) { status.textContent = error.message; });

    select.addEventListener("change", function () {
      var key = select.value;
      document.getElementById("council-detail").textContent = "";
      if (!key) { status.textContent = ""; return; }
      status.textContent = "Loading…";
      getJSON("councils/" + encodeURIComponent(key)).then(function (data) {
        renderCouncil(data);
        status.textContent = "Showing contacts and escalation ladders for " + data.council.name + ".";
      }).catch(function (error) { status.textContent = error.message; });
    });

    var tStatus = document.getElementById("timescales-status");
    getJSON("timescales").then(function (data) {
      renderTimescales(data.timescales || []);
    }).catch(function (error) { tStatus.textContent = error.message; });

    var search = document.getElementById("topic-search");
    var topicsStatus = document.getElementById("topics-status");
    var allTopics = null;
    getJSON("topics").then(function (data) {
      allTopics = data.topics || [];
      renderTopics(allTopics, search.value);
    }).catch(function (error) { topicsStatus.textContent = error.message; });
    search.addEventListener("input", function () {
      if (allTopics) renderTopics(allTopics, search.value);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
