"use strict";
// See package.json: the pure-JS TensorFlow.js stands in for the native binding.
module.exports = require("@tensorflow/tfjs");
