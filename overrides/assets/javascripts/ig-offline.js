/* Offline use: registers the site's service worker (sw.js at the site root, written by
 * the build) so that pages, the question bank and the planner work without a network
 * after a first visit, and offers to load a newer version when one has been cached.
 * Words come from the page's data-ig-offline attribute, which the build writes only when
 * it writes sw.js: without it (mkdocs serve) nothing is registered or requested. */
(function () {
  "use strict";

  if (!("serviceWorker" in navigator) || !window.caches || !document.querySelector("[data-ig-offline]")) {
    return;
  }
  var script = document.currentScript;
  var workerUrl = new URL("../../sw.js", script ? script.src : window.location.href);
  var updating = false;
  var offered = false;

  function offer(worker) {
    var data = document.querySelector("[data-ig-offline]");
    if (offered || !data) {
      return;
    }
    offered = true;
    var labels = JSON.parse(data.getAttribute("data-ig-offline"));
    var notice = document.createElement("div");
    notice.className = "ig-update";
    notice.setAttribute("role", "status");
    var text = document.createElement("p");
    text.textContent = labels.update;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = labels.reload;
    button.addEventListener("click", function () {
      updating = true;
      button.disabled = true;
      worker.postMessage("ig:update");
    });
    notice.appendChild(text);
    notice.appendChild(button);
    document.body.appendChild(notice);
  }

  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (updating) {
      window.location.reload();
    }
  });

  window.addEventListener("load", function () {
    navigator.serviceWorker.register(workerUrl.href).then(
      function (registration) {
        if (!registration) {
          return; // service workers switched off (some browsers, test harnesses)
        }
        if (registration.waiting && navigator.serviceWorker.controller) {
          offer(registration.waiting);
        }
        registration.addEventListener("updatefound", function () {
          var worker = registration.installing;
          worker.addEventListener("statechange", function () {
            if (worker.state === "installed" && navigator.serviceWorker.controller) {
              offer(worker);
            }
          });
        });
      },
      function () {
        /* not allowed (private mode, policy): the site simply stays online-only */
      }
    );
  });
})();
