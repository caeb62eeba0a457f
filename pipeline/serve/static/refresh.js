// The Now page's list, fetched again from the same server every 15 s and swapped in place; without
// scripts the page still works (reload it). Served from this host only (the page's CSP).
"use strict";
(function () {
  const box = document.getElementById("now-rows");
  if (!box) return;
  const note = document.getElementById("refresh-note");
  async function refresh() {
    try {
      const response = await fetch(box.dataset.refresh, { headers: { Accept: "text/html" } });
      if (!response.ok) throw new Error(String(response.status));
      const html = await response.text();
      if (html !== box.dataset.last) {
        box.dataset.last = html;
        const parsed = new DOMParser().parseFromString(html, "text/html");
        box.replaceChildren(...parsed.body.childNodes);
      }
      note.textContent = "Updated " + new Date().toLocaleTimeString() + "; new statements appear by themselves.";
    } catch (err) {
      note.textContent = "Could not refresh (" + err.message + "); retrying.";
    }
  }
  setInterval(refresh, 15000);
})();
