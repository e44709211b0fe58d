// Follow the content folder: when the server says it changed, fetch this page again and swap in
// its live parts, and reload the leaflet preview. No other script runs in the workspace.
"use strict";

(function () {
  const meta = document.querySelector('meta[name="generation"]');
  if (!meta || !window.EventSource) {
    return;
  }
  let shown = meta.content;
  let busy = false;
  let again = false;

  async function refresh(generation) {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const response = await fetch(window.location.href, { cache: "no-store", credentials: "same-origin" });
      if (response.ok) {
        const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
        for (const part of document.querySelectorAll("[data-live][id]")) {
          const replacement = fresh.getElementById(part.id);
          if (replacement) {
            part.replaceChildren(...replacement.childNodes);
          }
        }
      }
      const frame = document.getElementById("leaflet");
      if (frame && frame.contentWindow) {
        frame.contentWindow.location.reload();
      }
      shown = generation;
      const note = document.getElementById("live-note");
      if (note) {
        note.textContent = "Updated from the files at " + new Date().toLocaleTimeString();
      }
    } finally {
      busy = false;
      if (again) {
        again = false;
        refresh(shown);
      }
    }
  }

  const events = new EventSource("/events");
  events.addEventListener("generation", function (event) {
    if (event.data !== shown) {
      refresh(event.data);
    }
  });
  window.addEventListener("pagehide", function () {
    events.close();
  });
})();
