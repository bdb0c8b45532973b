"use strict";
// See package.json: loading this module works; using it throws.
const MESSAGE =
  "is not available: danfojs-node reads a URL (readCSV, readJSON or streamCSV with an http(s) address) " +
  "through the deprecated \"request\" package, which this project replaces because of an unfixed advisory " +
  "(CVE-2023-28155). Download the file first (for example with fetch) and pass its local path.";

function unavailable(what) {
  const error = new Error(`${what} ${MESSAGE}`);
  error.code = "ERR_REQUEST_UNAVAILABLE";
  return error;
}

function request() {
  throw unavailable("request(...)");
}
for (const method of ["get", "head", "options", "post", "put", "patch", "del", "delete", "defaults", "forever", "jar", "cookie"]) {
  request[method] = function () {
    throw unavailable(`request.${method}(...)`);
  };
}
module.exports = request;
