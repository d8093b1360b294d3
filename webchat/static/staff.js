/* Staff page quick panels: council contacts, escalation ladders, timescales.
   Data comes from /webhooks/webchat/api/...; everything is rendered with
   textContent, and links are built only for tel:, mailto: and https:. */
(function () {
  "use strict";

  var API = "/webhooks/webchat/api/";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] == null) return;
      if (name === "text") node.textContent = attrs[name];
      else if (name === "className") node.className = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function getJSON(path) {
    return fetch(API + path, { credentials: "same-origin" }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) throw new Error((data.error && data.error.message) || "The details could not be loaded.");
        return data;
      });
    });
  }

  function safeLink(href, text) {
    try {
      var url = new URL(href);
      if (/^(https?:|mailto:|tel:)$/.test(url.protocol)) return el("a", { href: url.href, text: text });
    } catch (e) { /* fall through to plain text */ }
    return document.createTextNode(text);
  }

  function phoneLink(number) {
    var digits = String(number).replace(/[^\d+]/g, "");
    if (digits.charAt(0) === "0") digits = "+44" + digits.slice(1);
    return safeLink("tel:" + digits, String(number));
  }

  function websiteLink(site) {
    var href = /^https?:\/\//i.test(site) ? site : "https://" + site;
    return safeLink(href, String(site));
  }

  // compact: the ladder steps show only how to reach the service.
  function contactBlock(service, headingTag, compact) {
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
    if (service.email) row("Email", safeLink("mailto:" + service.email, service.email));
    if (service.website) row("Website", websiteLink(service.website));
    row("Hours", service.hours);
    if (!compact) {
      row("Address", service.address);
      row("Offers", service.offers);
    }
    return el("div", { className: "contact" }, [
      el(headingTag, { text: service.name || service.kind }),
      el("dl", {}, rows)
    ]);
  }

  function kindName(kind) {
    var names = { iass: "SENDIASS", sen_team: "the council's SEN team", mediation: "the mediation service",
                  local_offer: "the Local Offer", council: "the council", parent_carer_forum: "the parent carer forum" };
    return names[kind] || String(kind).replace(/_/g, " ");
  }

  function renderCouncil(data) {
    var box = document.getElementById("council-detail");
    box.textContent = "";
    box.appendChild(el("h3", { text: "Contacts" }));
    (data.council.services || []).forEach(function (s) { box.appendChild(contactBlock(s, "h4")); });
    box.appendChild(el("h3", { text: "Escalation ladders" }));
    (data.ladders || []).forEach(function (ladder) {
      var list = el("ol");
      (ladder.steps || []).forEach(function (step) {
        var item = el("li", {}, [el("strong", { text: step.who || "" })]);
        if (step.how) item.appendChild(el("p", { text: step.how }));
        if (step.ask_for) item.appendChild(el("p", { text: "Ask for: " + step.ask_for }));
        if (step.contact) item.appendChild(contactBlock(step.contact, "p", true));
        else if (step.contact_kind) {
          item.appendChild(el("p", { text: "Contact: " + kindName(step.contact_kind) + " (no local details held)" }));
        }
        if (step.citations && step.citations.length) {
          item.appendChild(el("p", { className: "citations", text: "Sources: " + step.citations.join("; ") }));
        }
        list.appendChild(item);
      });
      box.appendChild(el("details", { className: "ladder" }, [el("summary", { text: ladder.title }), list]));
    });
    if (data.national && data.national.length) {
      box.appendChild(el("h3", { text: "National services" }));
      data.national.forEach(function (s) { box.appendChild(contactBlock(s, "h4")); });
    }
  }

  // Two columns (what, how long) so the table fits a 320 px screen.
  function renderTimescales(items) {
    var body = el("tbody");
    items.forEach(function (t) {
      var source = t.citation_url ? safeLink(t.citation_url, t.citation || t.citation_url)
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
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
