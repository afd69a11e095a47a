/* Accessibility fixes for mkdocs-material's own markup, applied on every page view.
 * - The search overlay has role="dialog" but no accessible name: name it after its search
 *   field, whose label Material already translates.
 * - The instant-navigation progress bar (role="progressbar") has no name either; it only
 *   mirrors the browser's own loading indicator, so hide it from assistive technology.
 * Idempotent: safe on every instant-navigation page change. */
(function () {
  "use strict";

  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder);
    }
  }

  function hideLoadingBar() {
    var bar = document.querySelector('.md-progress[role="progressbar"]');
    if (bar) {
      bar.setAttribute("aria-hidden", "true");
    }
  }

  function fixMaterialMarkup() {
    nameSearchDialog();
    hideLoadingBar();
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(fixMaterialMarkup);
  } else {
    document.addEventListener("DOMContentLoaded", fixMaterialMarkup);
  }
})();
