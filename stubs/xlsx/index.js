"use strict";
// See package.json: loading this module works; using it throws.
const MESSAGE =
  "is not available: danfojs-node reads and writes Excel files (readExcel, toExcel) with the xlsx package, " +
  "which this project replaces because the versions on the npm registry have unfixed advisories " +
  "(CVE-2023-30533, CVE-2024-22363). Save the sheet as CSV and use readCSV, or write CSV with toCSV.";

function unavailable(what) {
  const error = new Error(`xlsx.${what} ${MESSAGE}`);
  error.code = "ERR_XLSX_UNAVAILABLE";
  return error;
}

function thrower(name) {
  return function () {
    throw unavailable(`${name}(...)`);
  };
}

// Every function name of utils throws when called, whatever name danfojs asks for.
const utils = new Proxy(
  {},
  {
    get(_target, key) {
      return typeof key === "string" ? thrower(`utils.${key}`) : undefined;
    },
  },
);

module.exports = {
  read: thrower("read"),
  readFile: thrower("readFile"),
  write: thrower("write"),
  writeFile: thrower("writeFile"),
  writeFileAsync: thrower("writeFileAsync"),
  utils,
};
