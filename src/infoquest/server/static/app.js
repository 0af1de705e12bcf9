// infoquest's page works without JavaScript; this only adds a print button and a "working" notice.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  const form = document.getElementById("form");
  const status = document.getElementById("status");
  if (form && status) {
    form.addEventListener("submit", (event) => {
      const target = event.submitter && event.submitter.getAttribute("formaction");
      if (target === "/plan.md") return; // a download: the page stays as it is
      form.setAttribute("aria-busy", "true");
      status.textContent = "Working on it…";
    });
  }
  const error = document.getElementById("error");
  if (error) error.scrollIntoView({ block: "center" });
});
