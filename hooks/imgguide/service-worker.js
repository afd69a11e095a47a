/* The guide's service worker, written to the site root as sw.js by the build
 * (imgguide/offline.py fills in VERSION and FILES). It keeps every page and asset of the
 * site in the browser after a first visit, so reading, practising and planning work
 * without a network. Each build has its own cache; a new one copies unchanged files from
 * the previous cache and downloads only what changed, then waits until the reader
 * chooses to reload (the page shows a notice).
 */
"use strict";

var VERSION = "__IG_VERSION__";
var FILES = __IG_FILES__; // URL (relative to this worker) -> content hash
var PREFIX = "imgguide-";
var CACHE = PREFIX + VERSION;
var MANIFEST = "__ig_manifest__";

function url(path) {
  return new URL(path, self.registration.scope).href;
}

/** Fill the new cache: reuse responses whose hash is unchanged, fetch the rest. */
function fill(cache) {
  return caches.keys().then(function (names) {
    var previous = names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    });
    return Promise.all(
      previous.map(function (name) {
        return caches.open(name).then(function (old) {
          return old.match(url(MANIFEST)).then(function (response) {
            return response ? response.json().then(function (hashes) {
              return { cache: old, hashes: hashes };
            }) : null;
          });
        });
      })
    ).then(function (olds) {
      return Promise.all(
        Object.keys(FILES).map(function (path) {
          var reuse = olds.filter(function (old) {
            return old && old.hashes[path] === FILES[path];
          })[0];
          var fromOld = reuse ? reuse.cache.match(url(path)) : Promise.resolve(null);
          return fromOld.then(function (response) {
            if (response) {
              return cache.put(url(path), response);
            }
            return fetch(new Request(url(path), { cache: "reload" })).then(function (fresh) {
              if (!fresh.ok) {
                throw new Error("Could not fetch " + path);
              }
              return cache.put(url(path), fresh);
            });
          });
        })
      );
    }).then(function () {
      return cache.put(url(MANIFEST), new Response(JSON.stringify(FILES), {
        headers: { "Content-Type": "application/json" }
      }));
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(fill));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(
        names
          .filter(function (name) {
            return name.indexOf(PREFIX) === 0 && name !== CACHE;
          })
          .map(function (name) {
            return caches.delete(name);
          })
      );
    }).then(function () {
      return self.clients.claim();
    })
  );
});

self.addEventListener("message", function (event) {
  if (event.data === "ig:update") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    caches.open(CACHE).then(function (cache) {
      // Pages are stored without their query (?steps=..., ?match=...): the page reads it.
      return cache.match(request, { ignoreSearch: true }).then(function (hit) {
        if (hit) {
          return hit;
        }
        return fetch(request).catch(function () {
          return request.mode === "navigate" ? cache.match(url("404.html")) : Response.error();
        });
      });
    })
  );
});
