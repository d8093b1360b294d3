/*
 * SEND advice chat widget. Plain JavaScript, no build step, no dependencies.
 *
 * Embed with one tag (data-council is optional):
 *   <script src="https://ASSISTANT/webhooks/webchat/widget.js" data-council="Hampshire" defer></script>
 * Staff page: data-mode="staff" data-container="ID" renders the chat inline.
 *
 * Safety rule: message content is only ever put into the page with
 * textContent / createTextNode, never innerHTML. Links are built as elements
 * and only for http(s), mailto and tel.
 */
(function () {
  "use strict";

  // ---------------------------------------------------------------- DOM helpers
  // Shared with the staff page (window.SendChatKit) so it does not copy them.
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

  function hiddenText(text) {
    return el("span", { className: "sendchat-vh", text: text });
  }

  // ---------------------------------------------------------------- links
  // One pass over the text; each match becomes an <a> built by hand.
  // No lookbehind: older Safari cannot parse it, and a syntax error would
  // take the whole widget down.
  var LINK_RE = new RegExp([
    "\\[[^\\]\\n]+\\]\\(https?:\\/\\/[^\\s)]+\\)",          // [label](https://...) from the assistant
    "https?:\\/\\/[^\\s<>\"]+",
    "www\\.[^\\s<>\"]+",
    "mailto:[^\\s<>\"]+",
    "tel:\\+?[0-9][0-9 ]{5,}[0-9]",
    "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}",
    "(?:\\+44\\s?|\\b0)\\d{2,4}[ ]?\\d{3,4}[ ]?\\d{3,4}\\b",  // UK numbers, 10 or 11 digits
    "\\b0800[ ]?\\d{4}\\b",                                 // short freephone: Childline 0800 1111
    "\\b116[ ]?\\d{3}\\b",                                  // helplines: Samaritans 116 123
    "\\b999\\b"                                             // emergency services
  ].join("|"), "g");
  var MD_LINK = /^\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)$/;
  var TRAILING = /[.,;:!?)\]'"]+$/;

  function safeHref(href) {
    try {
      var url = new URL(href);
      return /^(https?:|mailto:|tel:)$/.test(url.protocol) ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  // "0808 164 5504" -> "tel:+448081645504"; "999", "116 123", "0800 1111" dial as written.
  function telHref(number) {
    var raw = String(number);
    var digits = raw.replace(/\D/g, "");
    if (raw.charAt(0) === "+") digits = "0" + digits.slice(2);
    if (/^(999|116\d{3}|0800\d{4})$/.test(digits)) return "tel:" + digits;
    if (digits.length < 10 || digits.length > 11 || digits.charAt(0) !== "0") return null;
    return "tel:+44" + digits.slice(1);
  }

  function hrefFor(raw) {
    if (/^https?:\/\//i.test(raw)) return safeHref(raw);
    if (/^www\./i.test(raw)) return safeHref("https://" + raw);
    if (/^mailto:/i.test(raw)) return safeHref(raw);
    if (/^tel:/i.test(raw)) return safeHref("tel:" + raw.slice(4).replace(/\s+/g, ""));
    if (raw.indexOf("@") > 0) return safeHref("mailto:" + raw);
    var tel = telHref(raw);
    return tel && safeHref(tel);
  }

  function link(href, text) {
    var safe = safeHref(href);
    if (!safe) return document.createTextNode(text);
    var a = el("a", { href: safe, text: text });
    if (/^https?:/.test(safe)) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(hiddenText(" (opens in a new tab)"));
    }
    return a;
  }

  function appendLinkified(parent, text) {
    var last = 0;
    text.replace(LINK_RE, function (match, offset) {
      var before = offset ? text.charAt(offset - 1) : "";
      var md = MD_LINK.exec(match);
      var clean = md ? match : match.replace(TRAILING, "");
      // A number inside a longer number, a price or a word is not a phone number.
      if (!md && /[\d£\w]/.test(before) && /^[\d+]/.test(clean)) return match;
      var href = md ? safeHref(md[2]) : clean && hrefFor(clean);
      if (!href) return match;
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      parent.appendChild(link(href, md ? md[1] : clean));
      last = offset + clean.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // ---------------------------------------------------------------- rich text
  // The assistant writes plain text: paragraphs split by blank lines, lines
  // starting "•" or "-" are bullet points, "1." numbered steps, and indented
  // lines continue the item above. Screen readers then hear real lists.
  var BULLET = /^\s*[•\-*]\s+(.*)$/;
  var NUMBER = /^\s*(\d{1,3})[.)]\s+(.*)$/;
  var CONTINUED = /^\s{2,}(\S.*)$/;

  function appendLines(parent, lines) {
    lines.forEach(function (line, i) {
      if (i) parent.appendChild(el("br"));
      appendLinkified(parent, line);
    });
  }

  function renderRich(target, text, prefix) {
    var list = null, listType = "", lastNumber = 0, item = null, para = null;
    String(text).replace(/\r/g, "").split(/\n\s*\n/).forEach(function (block) {
      para = null;
      block.split("\n").forEach(function (line) {
        var bullet = BULLET.exec(line), number = NUMBER.exec(line), more = CONTINUED.exec(line);
        if (bullet || number) {
          var type = bullet ? "ul" : "ol";
          var n = number ? parseInt(number[1], 10) : 0;
          // A numbered step after a blank line still belongs to the same list.
          if (!list || listType !== type || (number && n !== lastNumber + 1)) {
            list = el(type, { className: "sendchat-list" });
            if (number && n !== 1) list.setAttribute("start", String(n));
            listType = type;
            target.appendChild(list);
          }
          lastNumber = n;
          item = el("li");
          appendLinkified(item, (bullet || number)[bullet ? 1 : 2]);
          list.appendChild(item);
          para = null;
        } else if (more && item && list && !para) {
          item.appendChild(el("br"));
          appendLinkified(item, more[1]);
        } else if (line.trim()) {
          list = null; item = null;
          if (!para) { para = el("p", { className: "sendchat-text" }); target.appendChild(para); }
          else para.appendChild(el("br"));
          appendLinkified(para, line.trim());
        }
      });
      if (para) { list = null; item = null; }
    });
    if (prefix) {
      var first = target.firstChild;
      if (first && first.tagName === "P") first.insertBefore(hiddenText(prefix), first.firstChild);
      else target.insertBefore(el("p", { className: "sendchat-vh", text: prefix }), first);
    }
  }

  window.SendChatKit = { el: el, link: link, telHref: telHref, hiddenText: hiddenText,
                         appendLinkified: appendLinkified, renderRich: renderRich };

  // ---------------------------------------------------------------- config
  var script = document.currentScript;
  if (!script || window.__sendChatLoaded) return;
  window.__sendChatLoaded = true;

  var BASE = script.src.replace(/widget\.js(?:[?#].*)?$/, "");
  var MAX_CHARS = __MAX_MESSAGE_CHARS__;  // the serving channel's CHAT_MAX_MESSAGE_CHARS, filled in when served
  var COUNT_FROM = Math.floor(MAX_CHARS * 0.75);  // like GOV.UK's character count (threshold 75%): shown only near the limit
  var MAX_ITEMS = 200;
  var CONFIG = {
    council: (script.getAttribute("data-council") || "").trim(),
    mode: script.getAttribute("data-mode") === "staff" ? "staff" : "parent",
    container: script.getAttribute("data-container") || "",
    title: script.getAttribute("data-title") || "SEND advice chat"
  };
  var STORE_KEY = "sendchat:v1:" + CONFIG.mode;
  var WELCOME = CONFIG.mode === "staff"
    ? "Staff mode: answers include full details and citations. You can paste a call summary, " +
      "for example \"parent has spoken to SENCO and head, school still not meeting needs, Hampshire\", " +
      "and I will give the next step."
    : "Hello. I am an automated assistant, not a person.\n\n" +
      "I give information, not legal advice.\n\n" +
      "In an emergency, or if a child is in danger, call 999.\n\n" +
      "I can help with:\n" +
      "• support for your child at school (SEN support)\n" +
      "• asking for an EHC needs assessment, and EHC plans\n" +
      "• deadlines the council must meet\n" +
      "• who to contact in your council area\n" +
      "• letters you can send\n\n" +
      "Please do not type names or other personal details.";
  // The panel covers the whole screen on phones and when zoomed in (keep in step with widget.css).
  var FULL_SCREEN = window.matchMedia ? window.matchMedia("(max-width: 30em), (max-height: 34em)") : null;
  var HAS_KEYBOARD = window.matchMedia ? window.matchMedia("(hover: hover) and (pointer: fine)") : null;

  // ---------------------------------------------------------------- state
  // Why sessionStorage: the conversation follows the parent from page to page
  // on the council site but is forgotten when the tab is closed.
  function newSender() {
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function loadState() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(STORE_KEY) || "null");
      if (saved && typeof saved.sender === "string" && Array.isArray(saved.items)) {
        saved.items = saved.items.filter(function (i) { return i && typeof i === "object"; });
        return saved;
      }
    } catch (e) { /* storage blocked or corrupt: start afresh */ }
    return { sender: newSender(), open: false, items: [] };
  }

  function saveState() {
    state.items = state.items.slice(-MAX_ITEMS);
    try {
      window.sessionStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (e) { /* private mode or full: the chat still works on this page */ }
  }

  var state = loadState();
  var inline = !!CONFIG.container;

  // ---------------------------------------------------------------- downloads and printing
  function download(filename, text) {
    var blob = new Blob([text], { type: "text/plain;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: filename });
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  function safeFilename(name) {
    var base = String(name || "letter").replace(/\.txt$/i, "").replace(/[^A-Za-z0-9_.-]+/g, "-");
    return (base.replace(/^[-.]+|[-.]+$/g, "") || "letter").slice(0, 80) + ".txt";
  }

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  function transcript() {
    var lines = [CONFIG.title + ": conversation saved " + new Date().toLocaleString("en-GB"), ""];
    state.items.forEach(function (item) {
      var who = item.from === "user" ? "You" : item.from === "bot" ? "Assistant" : "Note";
      if (item.letter) lines.push(who + ": letter \"" + item.letter.title + "\"", "", item.letter.text);
      else if (item.text) lines.push(who + ": " + item.text);
      if (Array.isArray(item.buttons) && item.buttons.length) {
        lines.push("  Choices: " + item.buttons.map(function (b) { return b.title; }).join(" | "));
      }
      lines.push("");
    });
    return lines.join("\n");
  }

  // target: one letter to print on its own, or nothing for the whole conversation.
  function print(target) {
    var html = document.documentElement;
    html.classList.add("sendchat-printing");
    if (target) { html.classList.add("sendchat-printing-one"); target.classList.add("sendchat-print-target"); }
    var done = function () {
      html.classList.remove("sendchat-printing", "sendchat-printing-one");
      if (target) target.classList.remove("sendchat-print-target");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
    setTimeout(done, 1000);
  }

  // ---------------------------------------------------------------- build UI
  var ids = { panel: "sendchat-panel", title: "sendchat-title", input: "sendchat-input",
              hint: "sendchat-hint", limit: "sendchat-limit", count: "sendchat-count",
              confirm: "sendchat-confirm-text" };

  var launcher = inline ? null : el("button", {
    type: "button", className: "sendchat-launcher", "aria-expanded": "false",
    "aria-controls": ids.panel
  }, [el("span", { className: "sendchat-launcher-icon", "aria-hidden": "true", text: "?" }),
      el("span", { text: "Ask about SEND support" })]);

  var restartButton = el("button", { type: "button", className: "sendchat-small sendchat-restart",
                                     text: "Restart", "aria-expanded": "false",
                                     "aria-controls": "sendchat-confirm" });
  var closeButton = inline ? null : el("button", {
    type: "button", className: "sendchat-small sendchat-close", text: "Close"
  });
  closeButton && closeButton.appendChild(hiddenText(" chat"));

  // Restart deletes the conversation, letters included: ask first (WCAG 3.3.4).
  var confirmYes = el("button", { type: "button", className: "sendchat-small sendchat-danger",
                                  text: "Yes, delete it" });
  var confirmNo = el("button", { type: "button", className: "sendchat-small", text: "No, keep it" });
  var confirmBox = el("div", { id: "sendchat-confirm", className: "sendchat-confirm", role: "group",
                               "aria-labelledby": ids.confirm, tabindex: "-1" }, [
    el("p", { id: ids.confirm, className: "sendchat-confirm-text",
              text: "Start a new conversation? This deletes this conversation and any letters in it." }),
    el("div", { className: "sendchat-tools" }, [confirmNo, confirmYes])
  ]);
  confirmBox.hidden = true;

  var log = el("div", {
    className: "sendchat-log", role: "log", "aria-live": "polite", "aria-label": "Conversation"
  });
  var typing = el("p", { className: "sendchat-typing", "aria-hidden": "true", text: "The assistant is replying" });
  typing.hidden = true;
  var printButton = el("button", { type: "button", className: "sendchat-small", text: "Print conversation" });
  var saveButton = el("button", { type: "button", className: "sendchat-small", text: "Save as text file" });
  // The conversation and its Print and Save buttons scroll together, so on a
  // phone the buttons take no space until the parent scrolls to them.
  var scrollBox = el("div", { className: "sendchat-scroll", tabindex: "0", role: "region",
                              "aria-label": "Conversation history" }, [
    log,
    el("div", { className: "sendchat-tools" }, [printButton, saveButton])
  ]);
  var input = el("textarea", {
    id: ids.input, className: "sendchat-input", rows: "2", autocomplete: "off"
  });
  var count = el("p", { id: ids.count, className: "sendchat-count", "aria-live": "polite" });
  count.hidden = true;
  var hint = el("p", { id: ids.hint, className: "sendchat-hint",
                       text: "Press Enter to send. Press Shift and Enter for a new line." });
  var sendButton = el("button", { type: "submit", className: "sendchat-send", text: "Send" });
  var form = el("form", { className: "sendchat-form", novalidate: "" }, [
    el("label", { "for": ids.input, className: "sendchat-label", text: "Your message" }),
    hint,
    el("p", { id: ids.limit, className: "sendchat-vh", text: "You can enter up to " + MAX_CHARS.toLocaleString("en-GB") + " characters." }),
    el("div", { className: "sendchat-row" }, [input, sendButton]),
    count
  ]);

  var panel = el(inline ? "div" : "section", {
    id: ids.panel, className: "sendchat-panel" + (inline ? " sendchat-panel--inline" : ""),
    "aria-labelledby": inline ? null : ids.title
  }, [
    el("div", { className: "sendchat-header" }, [
      el("h2", { id: ids.title, className: "sendchat-title", text: CONFIG.title }),
      el("div", { className: "sendchat-actions" }, [restartButton, closeButton])
    ]),
    confirmBox,
    el("p", { className: "sendchat-print-only", text: CONFIG.title + ": conversation printed " +
              new Date().toLocaleDateString("en-GB") }),
    scrollBox,
    typing,
    form
  ]);
  if (!inline) {
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "false");
  }

  var root = el(inline ? "div" : "aside", {
    className: "sendchat-root" + (inline ? " sendchat-root--inline" : ""),
    "aria-label": inline ? null : CONFIG.title
  }, [launcher, panel]);

  // ---------------------------------------------------------------- render
  function renderItem(item) {
    var kind = item.from === "user" ? "user" : item.from === "bot" ? "bot" : "notice";
    var who = { user: "You said: ", bot: "Assistant said: ", notice: "Note: " }[kind];
    var box = el("div", { className: "sendchat-msg sendchat-msg--" + kind });
    if (item.letter && typeof item.letter.text === "string") {
      // The letter's text comes with it: shown once, as one message.
      box.appendChild(renderLetter(item.letter, who));
    } else if (item.text) {
      if (kind === "user") {
        box.appendChild(el("p", { className: "sendchat-text sendchat-text--typed" }, [hiddenText(who)]));
        appendLinkified(box.firstChild, String(item.text));
      } else {
        renderRich(box, String(item.text), who);
      }
    }
    if (Array.isArray(item.buttons) && item.buttons.length) {
      var choices = renderChoices(item);
      choiceGroups.push({ item: item, node: choices });
      box.appendChild(choices);
    }
    if (item.timeline) box.appendChild(renderTimeline(item.timeline));
    if (item.feedback) box.appendChild(renderFeedback(item));
    log.appendChild(box);
    return box;
  }

  function renderChoices(item) {
    var closed = !!item.closed;
    var group = el("div", { className: "sendchat-buttons" + (closed ? " sendchat-buttons--closed" : ""),
                            role: "group", "aria-label": "Choices" });
    item.buttons.forEach(function (b, i) {
      var chosen = item.chosen === i;
      var button = el("button", { type: "button", className: "sendchat-choice" +
                                  (chosen ? " sendchat-choice--chosen" : ""), text: b.title });
      if (chosen) button.appendChild(hiddenText(" (your choice)"));
      button.disabled = closed;
      button.addEventListener("click", function () {
        if (item.closed) return;
        item.chosen = i;
        closeChoices();
        send(b.payload, b.title);
        // Focus follows the conversation, not the button that scrolled away.
        input.focus();
      });
      group.appendChild(button);
    });
    if (closed && item.chosen == null) group.setAttribute("aria-label", "Earlier choices (no longer available)");
    return group;
  }

  // Once the parent answers (by a button or by typing), earlier choices
  // cannot send again: they stay visible but disabled.
  var choiceGroups = [];  // {item, node} for each rendered set of reply buttons

  function closeChoices() {
    var changed = false;
    choiceGroups.forEach(function (entry) {
      if (entry.item.closed) return;
      entry.item.closed = true;
      changed = true;
      var node = renderChoices(entry.item);
      entry.node.replaceWith(node);
      entry.node = node;
    });
    if (changed) saveState();
  }

  function renderLetter(letter, who) {
    var wrap = el("div", { className: "sendchat-letter" }, [
      el("p", { className: "sendchat-letter-title" }, [hiddenText(who), document.createTextNode(letter.title)])
    ]);
    var body = el("div", { className: "sendchat-letter-text" });
    letter.text.replace(/\r/g, "").split(/\n\s*\n/).forEach(function (para) {
      if (!para.trim()) return;
      var p = el("p");
      appendLines(p, para.split("\n"));
      body.appendChild(p);
    });
    var downloadButton = el("button", { type: "button", className: "sendchat-small", text: "Download letter" });
    downloadButton.appendChild(hiddenText(": " + letter.title + " (text file)"));
    downloadButton.addEventListener("click", function () { download(safeFilename(letter.filename), letter.text); });
    var printLetter = el("button", { type: "button", className: "sendchat-small", text: "Print letter" });
    printLetter.appendChild(hiddenText(": " + letter.title));
    printLetter.addEventListener("click", function () { print(wrap); });
    wrap.appendChild(body);
    wrap.appendChild(el("div", { className: "sendchat-tools" }, [downloadButton, printLetter]));
    return wrap;
  }

  function renderAll() {
    log.textContent = "";
    choiceGroups = [];
    renderItem({ from: "notice", text: WELCOME });
    state.items.forEach(renderItem);
  }

  function add(item) {
    state.items.push(item);
    saveState();
    var node = renderItem(item);
    scrollToEnd();
    return node;
  }

  function scrollToEnd() {
    scrollBox.scrollTop = scrollBox.scrollHeight;
  }

  // Show the start of a long reply rather than its end.
  function reveal(node) {
    scrollBox.scrollTop += node.getBoundingClientRect().top - scrollBox.getBoundingClientRect().top - 8;
  }

  function updateCount() {
    var n = input.value.length;
    var over = n > MAX_CHARS;
    count.hidden = n < COUNT_FROM;
    var left = Math.abs(MAX_CHARS - n).toLocaleString("en-GB");
    count.textContent = over ? "You have " + left + (left === "1" ? " character" : " characters") +
                               " too many: too long, please shorten it"
                             : "You have " + left + (left === "1" ? " character" : " characters") + " remaining";
    count.classList.toggle("sendchat-count--over", over);
    input.setAttribute("aria-invalid", over ? "true" : "false");
    describeInput();
  }

  // The keyboard hint only where there is a keyboard; the count only when shown.
  function describeInput() {
    var keyboard = !HAS_KEYBOARD || HAS_KEYBOARD.matches;
    hint.hidden = !keyboard;
    input.setAttribute("aria-describedby", [keyboard ? ids.hint : "", ids.limit, count.hidden ? "" : ids.count]
      .filter(Boolean).join(" "));
  }

  // ---------------------------------------------------------------- talk to the assistant
  function botItems(messages) {
    var items = [];
    (messages || []).forEach(function (m) {
      var item = { from: "bot" };
      if (typeof m.text === "string") item.text = m.text;
      if (Array.isArray(m.buttons)) {
        item.buttons = m.buttons.filter(function (b) { return b && b.title; })
          .map(function (b) { return { title: String(b.title), payload: String(b.payload || b.title) }; });
      }
      var letter = m.custom && m.custom.letter;
      if (letter && typeof letter.text === "string") {
        item.letter = { title: String(letter.title || "Letter"), filename: String(letter.filename || "letter"),
                        text: letter.text };
        delete item.text;  // the same letter again as plain text
      }
      var timeline = m.custom && timelineData(m.custom.timeline);
      if (timeline) item.timeline = timeline;
      if (item.text || (item.buttons && item.buttons.length) || item.letter || item.timeline) items.push(item);
    });
    return items;
  }

  var queue = Promise.resolve();

  // Messages go one at a time, in order, so replies never interleave.
  function send(payload, shown) {
    closeChoices();
    closeFeedback();
    add({ from: "user", text: shown });
    var sender = state.sender;
    var body = { sender: sender, message: payload, metadata: { mode: CONFIG.mode } };
    if (CONFIG.council) body.metadata.council = CONFIG.council;
    queue = queue.then(function () {
      typing.hidden = false;
      return fetch(BASE + "message", {
        method: "POST", credentials: "omit",
        headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
      }).then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (data) {
          if (state.sender !== sender) return;  // restarted meanwhile: drop the old reply
          if (!res.ok) throw new Error((data.error && data.error.message) || "");
          var items = botItems(data.messages);
          if (!items.length) items = [{ from: "bot", text: "Sorry, I do not have an answer for that." }];
          else offerFeedback(items);
          reveal(items.map(add)[0]);
        });
      }).catch(function (error) {
        if (state.sender !== sender) return;
        add({ from: "notice", text: "Your message was not sent. " + (error.message && error.name === "Error"
          ? error.message : "The chat could not reach the assistant. Please check your connection and try again.") });
        if (!input.value && payload === shown) { input.value = shown; updateCount(); }
      }).then(function () { typing.hidden = true; });
    });
  }

  function submit() {
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    if (text.length > MAX_CHARS) {
      add({ from: "notice", text: "Your message is too long. Please keep it to " + MAX_CHARS.toLocaleString("en-GB") + " characters or fewer: " +
           "you can send it in shorter parts." });
      return;
    }
    input.value = "";
    updateCount();
    send(text, text);
  }

  // ---------------------------------------------------------------- feedback on answers
  // "Was this helpful?" under the latest answer. The server works out what was rated (topic,
  // council) from the conversation; only yes/no and an optional redacted line are stored.
  var feedbackCount = 0;

  function offerFeedback(items) {
    var last = items[items.length - 1];
    // Not under a question with choices: the parent answers those rather than rating them.
    if (last && last.from === "bot" && !(last.buttons && last.buttons.length)) last.feedback = "ask";
  }

  function closeFeedback() {
    var changed = false;
    state.items.forEach(function (item) {
      if (item.feedback === "ask" || item.feedback === "no") { delete item.feedback; changed = true; }
    });
    if (!changed) return;
    saveState();
    Array.prototype.forEach.call(log.querySelectorAll(".sendchat-feedback--open"), function (node) { node.remove(); });
  }

  function postFeedback(body) {
    body.sender = state.sender;
    return fetch(BASE + "feedback", {
      method: "POST", credentials: "omit",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        // 409: already rated (a second tab, or a double click): the rating stands.
        if (!res.ok && res.status !== 409) throw new Error((data.error && data.error.message) || "");
        return data;
      });
    });
  }

  function renderFeedback(item) {
    var n = ++feedbackCount;
    var open = item.feedback === "ask" || item.feedback === "no";
    var wrap = el("div", { className: "sendchat-feedback" + (open ? " sendchat-feedback--open" : "") });
    var status = el("p", { className: "sendchat-feedback-status", tabindex: "-1" });

    function thanks(text) {
      wrap.className = "sendchat-feedback";
      wrap.textContent = "";
      status.textContent = text;
      wrap.appendChild(status);
    }

    function failed(error) {
      var note = wrap.querySelector(".sendchat-feedback-error") || el("p", { className: "sendchat-feedback-error" });
      note.textContent = "Your feedback was not sent. " + (error.message || "Please try again.");
      wrap.appendChild(note);
    }

    function askComment() {
      wrap.textContent = "";
      var id = "sendchat-missing-" + n;
      var field = el("input", { id: id, type: "text", className: "sendchat-feedback-input", maxlength: "200",
                                autocomplete: "off" });
      var form = el("form", { className: "sendchat-feedback-form", novalidate: "" }, [
        el("label", { "for": id, text: "Thank you. What was missing? (optional, one line, no names please)" }),
        el("div", { className: "sendchat-row" }, [
          field, el("button", { type: "submit", className: "sendchat-small", text: "Send" })])
      ]);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var text = field.value.trim();
        if (!text) { field.focus(); return; }
        postFeedback({ ref: item.feedbackRef, comment: text }).then(function () {
          item.feedback = "done"; saveState();
          thanks("Thank you for telling us what was missing.");
          status.focus();
        }, failed);
      });
      wrap.appendChild(form);
      return field;
    }

    if (item.feedback === "no" && item.feedbackRef) {
      askComment();
      return wrap;
    }
    if (!open) {
      thanks("Thank you for your feedback.");
      return wrap;
    }
    var question = el("p", { id: "sendchat-helpful-" + n, className: "sendchat-feedback-question",
                             text: "Was this helpful?" });
    var group = el("div", { className: "sendchat-buttons", role: "group", "aria-labelledby": question.id });
    [["Yes", true], ["No", false]].forEach(function (choice) {
      var button = el("button", { type: "button", className: "sendchat-choice", text: choice[0] });
      button.appendChild(hiddenText(choice[1] ? " this answer was helpful" : " this answer was not helpful"));
      button.addEventListener("click", function () {
        Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) { b.disabled = true; });
        postFeedback({ helpful: choice[1] }).then(function (data) {
          item.feedbackRef = data.ref;
          item.feedback = choice[1] || !data.ref ? "done" : "no";
          saveState();
          if (item.feedback === "no") askComment().focus();
          else { thanks("Thank you for your feedback."); status.focus(); }
        }, function (error) {
          Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) { b.disabled = false; });
          failed(error);
        });
      });
      group.appendChild(button);
    });
    wrap.appendChild(question);
    wrap.appendChild(group);
    return wrap;
  }

  // ---------------------------------------------------------------- the parent's timeline
  // Drawn from the deadline action's custom payload {"timeline": {"title", "events", "today", ...}}.
  // The list under the picture is the text alternative: every date in words, today in its place.
  var SVG_NS = "http://www.w3.org/2000/svg";
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

  function timelineData(raw) {
    if (!raw || typeof raw !== "object" || !Array.isArray(raw.events) || !ISO_DATE.test(String(raw.today))) return null;
    var events = raw.events.filter(function (e) {
      return e && typeof e.label === "string" && ISO_DATE.test(String(e.date));
    }).slice(0, 12).map(function (e) {
      return { label: e.label, date: String(e.date), dateText: String(e.date_text || e.date), passed: !!e.passed,
               deadline: !!e.deadline };
    });
    if (!events.length) return null;
    return { title: String(raw.title || "Your timeline"), today: String(raw.today),
             todayText: String(raw.today_text || raw.today), events: events };
  }

  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }

  function dayNumber(iso) {
    return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;
  }

  function shortDate(iso) {
    var months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    return +iso.slice(8, 10) + " " + months[+iso.slice(5, 7) - 1];
  }

  function timelinePicture(data) {
    var width = 320, height = 92, pad = 22, axis = 46;
    var days = data.events.map(function (e) { return dayNumber(e.date); }).concat([dayNumber(data.today)]);
    var first = Math.min.apply(null, days), last = Math.max.apply(null, days);
    var x = function (iso) {
      return last === first ? width / 2 : pad + (width - 2 * pad) * (dayNumber(iso) - first) / (last - first);
    };
    var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, "class": "sendchat-timeline-svg",
                             role: "img", focusable: "false" });
    svg.setAttribute("aria-label", "Picture of the timeline. The same dates are listed below.");
    svg.appendChild(svgEl("line", { x1: pad, y1: axis, x2: width - pad, y2: axis, "class": "sendchat-tl-axis" }));
    data.events.forEach(function (e, i) {
      var cx = x(e.date), above = i % 2 === 0;
      svg.appendChild(svgEl("circle", { cx: cx, cy: axis, r: e.deadline ? 7 : 5,
                                        "class": "sendchat-tl-dot" + (e.passed ? " sendchat-tl-dot--passed" : "") }));
      var number = svgEl("text", { x: cx, y: above ? axis - 13 : axis + 22, "text-anchor": "middle",
                                   "class": "sendchat-tl-label" });
      number.textContent = (i + 1) + ": " + shortDate(e.date);
      svg.appendChild(number);
    });
    var tx = x(data.today);
    svg.appendChild(svgEl("line", { x1: tx, y1: axis - 30, x2: tx, y2: axis + 30, "class": "sendchat-tl-today" }));
    var label = svgEl("text", { x: Math.min(Math.max(tx, 24), width - 24), y: height - 4, "text-anchor": "middle",
                                "class": "sendchat-tl-label sendchat-tl-today-label" });
    label.textContent = "Today";
    svg.appendChild(label);
    return svg;
  }

  function renderTimeline(data) {
    var list = el("ol", { className: "sendchat-timeline-list" });
    var todayShown = false;
    function todayItem() {
      todayShown = true;
      return el("li", { className: "sendchat-tl-item sendchat-tl-item--today" }, [
        el("strong", { text: "Today: " }), el("time", { datetime: data.today, text: data.todayText })]);
    }
    data.events.forEach(function (e, i) {
      if (!todayShown && e.date > data.today) list.appendChild(todayItem());
      list.appendChild(el("li", { className: "sendchat-tl-item" + (e.passed ? " sendchat-tl-item--passed" : "") }, [
        el("span", { className: "sendchat-tl-number", text: (i + 1) + ". " }),
        document.createTextNode(e.label + ": "),
        el("time", { datetime: e.date, text: e.dateText }),
        document.createTextNode(e.passed ? " (passed)" : e.date === data.today ? " (today)" : "")
      ]));
    });
    if (!todayShown) list.appendChild(todayItem());
    return el("figure", { className: "sendchat-timeline" }, [
      el("figcaption", { className: "sendchat-timeline-title", text: data.title }),
      timelinePicture(data),
      list
    ]);
  }

  // ---------------------------------------------------------------- open / close
  var inerted = [];

  // Full screen, the panel is a modal dialog: the page behind is inert, so
  // touch screen reader users cannot swipe into it. Floating, it is not.
  function updateModal() {
    if (inline) return;
    var modal = !panel.hidden && !!FULL_SCREEN && FULL_SCREEN.matches;
    panel.setAttribute("aria-modal", modal ? "true" : "false");
    inerted.forEach(function (node) { node.inert = false; });
    inerted = [];
    if (!modal) return;
    Array.prototype.forEach.call(document.body.children, function (node) {
      if (node !== root && !node.inert && !/^(SCRIPT|STYLE|LINK)$/.test(node.tagName)) {
        node.inert = true;
        inerted.push(node);
      }
    });
  }

  // The on-screen keyboard shrinks the visual viewport, not the layout one on
  // every phone: keep the full-screen panel to what is actually visible.
  function fitViewport() {
    var vv = window.visualViewport;
    // Not while pinch-zoomed: then the parent pans around the panel, and it must not follow them.
    var full = !inline && !panel.hidden && FULL_SCREEN && FULL_SCREEN.matches && !(vv && Math.abs(vv.scale - 1) > 0.01);
    panel.style.height = full && vv ? vv.height + "px" : "";
    panel.style.top = full && vv ? vv.offsetTop + "px" : "";
  }

  function setOpen(open, moveFocus) {
    if (inline) return;
    state.open = open;
    saveState();
    panel.hidden = !open;
    root.classList.toggle("sendchat-root--open", open);
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
    updateModal();
    fitViewport();
    if (open) {
      scrollToEnd();
      if (moveFocus) input.focus();
    } else {
      showConfirm(false);
      if (moveFocus) launcher.focus();
    }
  }

  function showConfirm(show) {
    confirmBox.hidden = !show;
    restartButton.setAttribute("aria-expanded", show ? "true" : "false");
    if (show) confirmBox.focus();
  }

  function restart() {
    var old = state.sender;
    // Why /restart: forget the old conversation on the server too.
    fetch(BASE + "message", {
      method: "POST", credentials: "omit", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: old, message: "/restart", metadata: { mode: CONFIG.mode } })
    }).catch(function () { /* best effort */ });
    state = { sender: newSender(), open: state.open, items: [] };
    saveState();
    showConfirm(false);
    renderAll();
    add({ from: "notice", text: "You started a new conversation." });
    input.focus();
  }

  // ---------------------------------------------------------------- events
  if (launcher) launcher.addEventListener("click", function () { setOpen(panel.hidden, true); });
  if (closeButton) closeButton.addEventListener("click", function () { setOpen(false, true); });
  restartButton.addEventListener("click", function () { showConfirm(confirmBox.hidden); });
  confirmNo.addEventListener("click", function () { showConfirm(false); restartButton.focus(); });
  confirmYes.addEventListener("click", restart);
  printButton.addEventListener("click", function () { print(null); });
  saveButton.addEventListener("click", function () {
    download("send-advice-chat-" + today() + ".txt", transcript());
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); submit(); });
  input.addEventListener("input", updateCount);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  root.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (!confirmBox.hidden) {
      event.preventDefault();
      showConfirm(false);
      restartButton.focus();
    } else if (!inline && !panel.hidden) {
      event.preventDefault();
      setOpen(false, true);
    }
  });
  [FULL_SCREEN, HAS_KEYBOARD].forEach(function (query) {
    if (query && query.addEventListener) query.addEventListener("change", function () { updateModal(); fitViewport(); describeInput(); });
  });
  if (window.visualViewport) window.visualViewport.addEventListener("resize", fitViewport);

  function overlaps(a, b) {
    return a.width && b.width && a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
  }

  // WCAG 2.4.11: the floating launcher and panel must never hide what has focus.
  document.addEventListener("focusin", function (event) {
    if (inline || root.contains(event.target)) return;
    var a = event.target.getBoundingClientRect();
    if (!panel.hidden) {
      var b = panel.getBoundingClientRect();
      if (a.width && a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom) {
        setOpen(false, false);
      }
    }
    if (panel.hidden && launcher) {
      launcher.classList.remove("sendchat-launcher--top");
      var l = launcher.getBoundingClientRect();
      if (!overlaps(a, l)) return;
      // Scroll the page so the focused item sits above the launcher; where the
      // page cannot scroll that far, move the launcher to the top corner.
      window.scrollBy(0, a.bottom - l.top + 8);
      if (overlaps(event.target.getBoundingClientRect(), launcher.getBoundingClientRect())) {
        launcher.classList.add("sendchat-launcher--top");
      }
    }
  });

  // ---------------------------------------------------------------- start
  function start() {
    if (!document.querySelector("link[data-sendchat]")) {
      var css = el("link", { rel: "stylesheet", href: BASE + "widget.css", "data-sendchat": "" });
      document.head.appendChild(css);
    }
    renderAll();
    updateCount();
    panel.hidden = !inline && !state.open;
    root.classList.toggle("sendchat-root--open", !panel.hidden);
    if (launcher) launcher.setAttribute("aria-expanded", panel.hidden ? "false" : "true");
    // Built completely before insertion, so restored history is not re-announced.
    var host = inline && document.getElementById(CONFIG.container);
    (host || document.body).appendChild(root);
    updateModal();
    fitViewport();
    scrollToEnd();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
